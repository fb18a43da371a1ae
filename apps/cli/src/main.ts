#!/usr/bin/env tsx
/** Entry point of `pnpm causeway`: runs the command line and exits with its code. */
import { run } from './cli.ts';

process.exitCode = await run(process.argv.slice(2));
