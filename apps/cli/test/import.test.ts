/** `causeway import` against files and a real relay: output and exit codes a script relies on. */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBoard,
  invite,
  removeDir,
  startRelay,
  TEST_SECRET,
  type TestRelay,
  tempDir,
} from '../../relay/test/helpers.ts';
import { EXIT } from '../src/exit.ts';
import { run } from '../src/program.ts';

const FORMATS = fileURLToPath(new URL('../../../../shared/fixtures/formats/', import.meta.url));
const IRIS = join(FORMATS, 'iris_timeline_import_sample.csv');
const SERVICENOW = join(FORMATS, 'servicenow_incident_table_api_v2.json');
const BIN = fileURLToPath(new URL('../bin/causeway.js', import.meta.url));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('causeway import', () => {
  let relay: TestRelay;
  let room = '';
  let dir = '';

  beforeAll(async () => {
    relay = await startRelay();
    dir = tempDir();
    const res = await fetch(`${relay.http}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'CLI', incidentId: '', severity: 'SEV3' }),
    });
    room = ((await res.json()) as { room: string }).room;
  });
  afterAll(async () => {
    await relay.close();
    removeDir(relay.dataDir);
    removeDir(dir);
  });

  it('checks a file offline with --dry-run and no room', async () => {
    const r = await cli('import', SERVICENOW, '--dry-run');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain(
      'ServiceNow incidents (Table API JSON) (servicenow), 1 row, 3 events, 0 refused',
    );
    expect(r.out).toContain('zone: ServiceNow times carry no zone: 3 times read as UTC');
  });

  it('imports into a room, then a second run adds nothing', async () => {
    const first = await cli('import', IRIS, '--room', room, '--url', relay.http);
    expect(first).toMatchObject({ code: EXIT.ok, err: '' });
    expect(first.out).toBe(
      `${IRIS}: added 2 events to ${room} (0 already on the board, 0 repeated in the file)`,
    );
    const again = await cli('import', IRIS, '--room', room, '--url', relay.http, '--dry-run');
    expect(again.code).toBe(EXIT.ok);
    expect(again.out).toContain('would add 0 (2 already on the board, 0 repeated in the file)');
  });

  it('takes the board URL as --room: the relay and the room come from it', async () => {
    const board = `${relay.http}/r/${room}`;
    const r = await cli('import', SERVICENOW, '--room', board, '--dry-run');
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.out).toContain('would add');
    const other = await cli('import', SERVICENOW, '--room', board, '--url', 'http://127.0.0.1:1');
    expect(other.code).toBe(EXIT.usage);
    expect(other.err).toContain(`is a board on ${relay.http} but --url is http://127.0.0.1:1`);
    const out = join(dir, 'by-url.json');
    const backup = await cli('backup', '--out', out, '--room', board);
    expect(backup.code, backup.err).toBe(EXIT.ok);
    expect(readFileSync(out, 'utf8')).toContain(room);
  });

  it('exit 1 with the refused rows printed, and nothing imported', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'time,description\n2024-01-01T00:00:00Z,ok\n2024-01-01 10:00,no zone\nnope,bad\n',
    );
    const r = await cli('import', bad, '--room', room, '--url', relay.http);
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain('was not imported: 2 rows were refused; nothing was imported');
    expect(r.err).toMatch(/^row 2: time: .*no offset/m);
    expect(r.err).toMatch(/^row 3: time: /m);
    const zoned = await cli('import', bad, '--dry-run', '--zone', 'UTC');
    expect(zoned.code).toBe(EXIT.refused);
    expect(zoned.err).not.toMatch(/^row 2/m);
  });

  it('refuses a binary file as not a text file (exit 1), offline and through the relay', async () => {
    const bin = join(dir, 'memory.dmp');
    writeFileSync(
      bin,
      Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256)),
    );
    for (const extra of [['--dry-run'], ['--room', room, '--url', relay.http]]) {
      const r = await cli('import', bin, ...extra);
      expect(r.code, extra.join(' ')).toBe(EXIT.refused);
      // The whole file, not "1 row(s)" or "row 0".
      expect(r.err).toContain('the file was refused: this is not a text (CSV/JSON) file');
      expect(r.err).not.toMatch(/row 0|row\(s\)/);
    }
  });

  it('counts rows the same way offline and through the relay ("1,200 rows")', async () => {
    const big = join(dir, 'big.csv');
    const rows = Array.from(
      { length: 1200 },
      (_, i) => `${new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString()},event ${i}`,
    );
    writeFileSync(big, `time,description\n${rows.join('\n')}\n`);
    for (const extra of [['--dry-run'], ['--dry-run', '--room', room, '--url', relay.http]]) {
      const r = await cli('import', big, ...extra);
      expect(r.code, extra.join(' ')).toBe(EXIT.ok);
      expect(r.out, extra.join(' ')).toContain('1,200 rows, 1,200 events, 0 refused');
    }
  });

  it('exit 2 for usage errors, 3 when the relay is unreachable, 4 when it refuses', async () => {
    expect((await cli('import', IRIS)).code).toBe(EXIT.usage);
    expect((await cli('import', join(dir, 'missing.csv'), '--dry-run')).code).toBe(EXIT.usage);
    expect((await cli('import', IRIS, '--dry-run', '--format', 'excel')).code).toBe(EXIT.usage);
    expect((await cli('import', IRIS, '--dry-run', '--mapping', '{"time":1')).code).toBe(
      EXIT.usage,
    );
    expect((await cli('frobnicate')).code).toBe(EXIT.usage);
    const down = await cli('import', IRIS, '--room', room, '--url', 'http://127.0.0.1:9');
    expect(down.code).toBe(EXIT.connection);
    expect(down.err).toContain('cannot reach the relay at http://127.0.0.1:9');
    const noRoom = await cli('import', IRIS, '--room', 'never_made', '--url', relay.http);
    expect(noRoom.code).toBe(EXIT.relay);
    expect(noRoom.err).toContain('room-not-found');
  });

  it('the bin sets the process exit code', async () => {
    const code = await new Promise<number>((resolve) => {
      execFile(process.execPath, [BIN, 'import', IRIS], (err) =>
        resolve(err ? Number(err.code) : 0),
      );
    });
    expect(code).toBe(EXIT.usage);
    expect(readFileSync(BIN, 'utf8')).toMatch(/^#!\/usr\/bin\/env node/);
  });

  it('sends --token to a relay that checks invites: none → exit 4 unauthorized, a viewer → 4, an editor imports', async () => {
    const guarded = await startRelay({ secret: TEST_SECRET });
    try {
      const board = await createBoard(guarded);
      const viewer = (await invite(guarded, board.room, board.token ?? '', 'viewer', 'V')).token;
      const editor = (await invite(guarded, board.room, board.token ?? '', 'editor', 'E')).token;
      const args = ['import', IRIS, '--room', board.room, '--url', guarded.http];
      const anonymous = await cli(...args);
      expect(anonymous.code).toBe(EXIT.relay);
      expect(anonymous.err).toContain('unauthorized');
      expect((await cli(...args, '--token', viewer)).err).toContain('forbidden');
      const ok = await cli(...args, '--token', editor);
      expect(ok).toMatchObject({ code: EXIT.ok, err: '' });
      expect(ok.out).toContain(`added 2 events to ${board.room}`);
    } finally {
      await guarded.close();
      removeDir(guarded.dataDir);
    }
  });
});
