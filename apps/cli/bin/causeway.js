#!/usr/bin/env node
// The CLI is TypeScript run from source (like the relay); tsx's loader makes that work from a bin.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
