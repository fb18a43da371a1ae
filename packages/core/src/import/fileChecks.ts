/**
 * Checks on a whole import file before any format reads it: its size against the relay's upload
 * limit, and whether it is text at all. The relay, the CLI and the browser's preview share them, so
 * a file the preview accepts is a file the import takes, and every one refuses in the same words.
 */

/**
 * The relay's default upload limit (CAUSEWAY_MAX_UPLOAD_BYTES). 50,000 realistic rows of every
 * format fit: Elastic ECS documents of ~1.3 KB run to 62 MiB, Splunk and IRIS to under 30 MiB
 * (docs/formats.md, "File size").
 */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** "64 MiB", "1.5 MiB", "900 KiB", "12 bytes". */
export function formatBytes(n: number): string {
  const units = [
    [1024 * 1024 * 1024, 'GiB'],
    [1024 * 1024, 'MiB'],
    [1024, 'KiB'],
  ] as const;
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      return `${Number.isInteger(v) ? v : v.toFixed(1)} ${unit}`;
    }
  }
  return `${n} bytes`;
}

/** The refusal for a file of `size` bytes (unknown: undefined) over the `limit`. */
export function fileTooLargeMessage(size: number | undefined, limit: number): string {
  // Just over the limit, both round to the same figure: then the exact bytes say which is larger.
  const shown =
    size === undefined
      ? ''
      : formatBytes(size).replace(/\.0 /, ' ') === formatBytes(limit)
        ? ` ${size.toLocaleString('en')} bytes,`
        : ` ${formatBytes(size)},`;
  const what = `the file is${shown}`;
  return `${what} larger than the ${formatBytes(limit)} this relay takes in one import; split the file, or ask the relay's operator to raise CAUSEWAY_MAX_UPLOAD_BYTES`;
}

/** The start of the refusal for binary or non-text input, in every client's words. */
export const NOT_TEXT = 'this is not a text (CSV/JSON) file';

// Enough of the file to judge it by; binary formats show themselves in their first bytes.
const SAMPLE_CHARS = 64 * 1024;
// A CSV header longer than this is not a timeline someone exported (JSON may be one long line).
const MAX_CSV_HEADER = 1024 * 1024;
// Text decoded from a binary file is mostly U+FFFD and control characters; a CSV saved in a legacy
// code page has a few U+FFFD (accented letters), far below this share.
const MAX_NOISE_SHARE = 0.1;

/** Why `input` (a file decoded as UTF-8) is not a text file an importer could read, or null. */
export function notTextReason(input: string): string | null {
  const sample = input.slice(0, SAMPLE_CHARS);
  if (sample.includes('\u0000')) {
    return `${NOT_TEXT}: it holds NUL bytes, so it is binary (or UTF-16 text: save it as UTF-8)`;
  }
  let noise = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) noise++;
  }
  if (sample.length > 0 && noise / sample.length > MAX_NOISE_SHARE) {
    return `${NOT_TEXT}: most of its bytes are not UTF-8 text`;
  }
  if (/^\uFEFF?\s*[[{]/.test(sample)) return null;
  const lineEnd = input.indexOf('\n');
  const firstLineLength = lineEnd === -1 ? input.length : lineEnd;
  if (firstLineLength > MAX_CSV_HEADER) {
    return `${NOT_TEXT}: its first line runs ${firstLineLength.toLocaleString('en')} characters without a line break`;
  }
  return null;
}
