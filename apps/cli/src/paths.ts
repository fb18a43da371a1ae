/**
 * Paths the user typed are relative to where they typed the command: pnpm runs the root script
 * with its own cwd and passes the user's directory as INIT_CWD.
 */
import { resolve } from 'node:path';

/** `path` resolved against the directory the user ran `pnpm causeway` from. */
export const fromUserDir = (path: string): string =>
  resolve(process.env.INIT_CWD ?? process.cwd(), path);

/** The relay data directory option's default (CAUSEWAY_DATA, else ./data). */
export const defaultDataDir = (): string => process.env.CAUSEWAY_DATA ?? 'data';

/** The invite token for relay calls: the `--token` option, else CAUSEWAY_TOKEN. */
export const tokenFrom = (option: string | undefined): string | undefined =>
  option ?? (process.env.CAUSEWAY_TOKEN || undefined);
