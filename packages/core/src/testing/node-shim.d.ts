/**
 * The few Node APIs the tests use, declared by hand: core's tsconfig loads no Node types so that
 * domain code cannot reach for them by accident (the imports guard test covers the rest).
 */
interface ImportMeta {
  readonly url: string;
}
declare module 'node:fs' {
  export function readFileSync(path: string, encoding: 'utf8'): string;
  export function readdirSync(path: string, options?: { readonly recursive?: boolean }): string[];
}
declare module 'node:path' {
  export function resolve(...segments: string[]): string;
  export function dirname(path: string): string;
}
declare module 'node:url' {
  export function fileURLToPath(url: string): string;
}
