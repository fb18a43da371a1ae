import { describe, expect, it } from 'vitest';
import { fileTooLargeMessage, formatBytes, NOT_TEXT, notTextReason } from './fileChecks.ts';
import { previewImport } from './formats.ts';

/** Random bytes decoded as UTF-8, as `File.text()` and `readFile(…, 'utf8')` hand them over. */
function binaryText(bytes: number): string {
  let seed = 7;
  const buf = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    buf[i] = seed >> 16;
  }
  return new TextDecoder().decode(buf);
}

describe('notTextReason', () => {
  it('refuses binary bytes, NUL bytes and a CSV header with no line break', () => {
    expect(notTextReason(binaryText(20_000))).toMatch(/^this is not a text \(CSV\/JSON\) file/);
    expect(notTextReason('t\u0000i\u0000m\u0000e\u0000')).toMatch(/NUL bytes.*UTF-16/);
    expect(notTextReason('a'.repeat(2 * 1024 * 1024))).toMatch(/first line runs 2,097,152/);
  });

  it('lets text through: CSV, a legacy code page with a few odd letters, one-line JSON', () => {
    expect(notTextReason('time,description\n2024-01-01T00:00:00Z,x\n')).toBeNull();
    expect(notTextReason('heure;libellé\n2024-01-01 10:00;d\ufffdmarrage\n')).toBeNull();
    expect(notTextReason(`[${'{"a":1},'.repeat(200_000)}{"a":2}]`)).toBeNull();
  });
});

describe('previewImport on input that is not text', () => {
  it('refuses the file once, before any format reads it', () => {
    for (const input of [binaryText(20_000), 'a'.repeat(17_000_000)]) {
      const p = previewImport(input);
      expect(p.events).toEqual([]);
      expect(p.refused).toHaveLength(1);
      expect(p.refused[0]?.row).toBe(0);
      expect(p.refused[0]?.reason).toContain(NOT_TEXT);
    }
  });
});

describe('size messages', () => {
  it('name the size and the limit', () => {
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB');
    expect(formatBytes(27_067_780)).toBe('25.8 MiB');
    expect(fileTooLargeMessage(70 * 1024 * 1024, 64 * 1024 * 1024)).toMatch(
      /^the file is 70 MiB, larger than the 64 MiB this relay takes in one import/,
    );
    expect(fileTooLargeMessage(64 * 1024 * 1024 + 10, 64 * 1024 * 1024)).toMatch(
      /^the file is 67,108,874 bytes, larger than the 64 MiB/,
    );
    expect(fileTooLargeMessage(undefined, 1024)).toMatch(/^the file is larger than the 1 KiB/);
  });
});
