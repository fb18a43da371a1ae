/** Keeps the domain core framework-free: it runs in the browser and in Node unchanged. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_SRC } from './testing/fixtures.ts';

const FORBIDDEN_MODULE =
  /^(?:react|react-dom|fastify|fs|path)(?:\/|$)|^@xyflow\/|^@fastify\/|^node:/;
// Imports, re-exports, dynamic import() and require() of a module specifier.
const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g;
const DOM_GLOBAL = /\b(?:window|document)\b\s*(?:[.[?]|\))|\btypeof\s+(?:window|document)\b/;

/** Source with comments blanked, so prose like "the document schema" is not flagged. */
const stripComments = (src: string) =>
  src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');

/** Every reason `src` breaks the rule; empty when it is clean. */
function violations(src: string): string[] {
  const code = stripComments(src);
  const out: string[] = [];
  for (const m of code.matchAll(SPECIFIER)) {
    const spec = m[1] as string;
    if (FORBIDDEN_MODULE.test(spec)) out.push(`imports ${spec}`);
  }
  if (DOM_GLOBAL.test(code)) out.push('touches window or document');
  return out;
}

// Tests and their helpers may use Node to read fixtures; they never ship in the bundle.
const isShipped = (file: string) =>
  file.endsWith('.ts') &&
  !file.endsWith('.test.ts') &&
  !file.endsWith('.d.ts') &&
  !file.startsWith('testing');

describe('framework-free core', () => {
  it('recognises each forbidden import and DOM access', () => {
    for (const bad of [
      "import React from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import type { Node } from '@xyflow/react';",
      "import Fastify from 'fastify';",
      "export { x } from '@fastify/websocket';",
      "import { readFileSync } from 'node:fs';",
      "const fs = require('fs');",
      "const p = await import('path');",
      'window.location.reload();',
      'const el = document.getElementById("x");',
      "if (typeof window !== 'undefined') {}",
    ]) {
      expect(violations(bad), bad).not.toEqual([]);
    }
    for (const fine of [
      "import * as Y from 'yjs';",
      "import { z } from 'zod';",
      "import { x } from './paths.ts';",
      '// reads the document schema from window.x in a comment',
      'const documentId = 1; const windowSize = 2;',
    ]) {
      expect(violations(fine), fine).toEqual([]);
    }
  });

  it('no shipped file under packages/core/src imports a framework, Node or the DOM', () => {
    const files = readdirSync(CORE_SRC, { recursive: true }).filter(isShipped);
    expect(files).toContain('index.ts');
    const found = files.flatMap((f) =>
      violations(readFileSync(resolve(CORE_SRC, f), 'utf8')).map((v) => `${f}: ${v}`),
    );
    expect(found).toEqual([]);
  });
});
