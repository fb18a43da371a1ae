/** The contract every Storage backend passes; a backend's test file calls `storageContract`. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from '../src/storage/storage.ts';

const updateWith = (key: string, value: string) => {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc);
};

const replay = (updates: readonly Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getMap('m').toJSON();
};

export function storageContract(
  name: string,
  create: () => Promise<{ storage: Storage; dispose(): Promise<void> }>,
) {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ storage, dispose } = await create());
    });
    afterEach(async () => {
      await storage.close();
      await dispose();
    });

    it('a room never stored has an empty log and is not listed', async () => {
      expect(await storage.loadLog('nope')).toEqual({ updates: [], lastSeq: 0 });
      expect(await storage.hasRoom('nope')).toBe(false);
      expect(await storage.listRooms()).toEqual([]);
    });

    it('appends updates per room, oldest first, with increasing seqs and the log size', async () => {
      const a = await storage.appendUpdate('r1', updateWith('a', '1'));
      const b = await storage.appendUpdate('r1', updateWith('b', '2'));
      await storage.appendUpdate('r2', updateWith('c', '3'));
      expect(b).toBeGreaterThan(a);
      const log = await storage.loadLog('r1');
      expect(log.updates).toHaveLength(2);
      expect(log.lastSeq).toBe(b);
      expect(replay(log.updates)).toEqual({ a: '1', b: '2' });
      expect(await storage.listRooms()).toEqual(['r1', 'r2']);
      expect(await storage.hasRoom('r2')).toBe(true);
    });

    it('appends several rows in one transaction: all of them, or none when one fails', async () => {
      const last = await storage.appendUpdates('t', [updateWith('a', '1'), updateWith('b', '2')]);
      const log = await storage.loadLog('t');
      expect(log.updates).toHaveLength(2);
      expect(log.lastSeq).toBe(last);
      expect(replay(log.updates)).toEqual({ a: '1', b: '2' });
      // A row the database refuses (data is NOT NULL) takes the rows before it down with it.
      const refused = [updateWith('c', '3'), null as unknown as Uint8Array];
      await expect(storage.appendUpdates('t', refused)).rejects.toThrow();
      expect(replay((await storage.loadLog('t')).updates)).toEqual({ a: '1', b: '2' });
    });

    it('gives each room a version that moves on every append and stays through compaction', async () => {
      await storage.appendUpdate('v1', updateWith('a', '1'));
      const second = await storage.appendUpdate('v1', updateWith('b', '2'));
      const third = await storage.appendUpdate('v2', updateWith('c', '3'));
      expect(await storage.roomVersions()).toEqual(
        new Map([
          ['v1', second],
          ['v2', third],
        ]),
      );
      const log = await storage.loadLog('v1');
      await storage.compact('v1', Y.mergeUpdates([...log.updates]), log.lastSeq);
      expect((await storage.roomVersions()).get('v1')).toBe(second);
      const later = await storage.appendUpdate('v1', updateWith('d', '4'));
      expect((await storage.roomVersions()).get('v1')).toBe(later);
      await storage.deleteRoom('v2');
      expect((await storage.roomVersions()).has('v2')).toBe(false);
    });

    it('compaction replaces the covered rows by one state and keeps later rows', async () => {
      const doc = new Y.Doc();
      const map = doc.getMap('m');
      const appends: Promise<number>[] = [];
      doc.on('update', (u: Uint8Array) => appends.push(storage.appendUpdate('r', u)));
      for (let i = 0; i < 5; i++) map.set(`k${i}`, String(i));
      await Promise.all(appends);
      const { lastSeq } = await storage.loadLog('r');
      const state = Y.encodeStateAsUpdate(doc);
      await storage.appendUpdate('r', updateWith('late', 'x'));
      await storage.compact('r', state, lastSeq);
      const log = await storage.loadLog('r');
      expect(log.updates).toHaveLength(2);
      expect(replay(log.updates)).toEqual({
        k0: '0',
        k1: '1',
        k2: '2',
        k3: '3',
        k4: '4',
        late: 'x',
      });
      // A later compaction covers the earlier merged row too.
      const again = await storage.loadLog('r');
      await storage.compact('r', Y.mergeUpdates([...again.updates]), again.lastSeq);
      const final = await storage.loadLog('r');
      expect(final.updates).toHaveLength(1);
      expect(replay(final.updates)).toEqual({
        k0: '0',
        k1: '1',
        k2: '2',
        k3: '3',
        k4: '4',
        late: 'x',
      });
      const next = await storage.appendUpdate('r', updateWith('after', 'y'));
      expect(next).toBeGreaterThan(again.lastSeq);
    });

    it('two relays compacting and appending at once lose no update', async () => {
      // Each relay's doc only knows its own edits; the other's rows reach it later (or never).
      const docA = new Y.Doc();
      const docB = new Y.Doc();
      const seqA: number[] = [];
      const seqB: number[] = [];
      for (let i = 0; i < 5; i++) {
        docA.getMap('m').set(`a${i}`, 'A');
        seqA.push(await storage.appendUpdate('r', Y.encodeStateAsUpdate(docA)));
        docB.getMap('m').set(`b${i}`, 'B');
        seqB.push(await storage.appendUpdate('r', Y.encodeStateAsUpdate(docB)));
      }
      const throughA = Math.max(...seqA);
      const throughB = Math.max(...seqB);
      await Promise.all([
        storage.compact('r', Y.encodeStateAsUpdate(docA), throughA),
        storage.compact('r', Y.encodeStateAsUpdate(docB), throughB),
        storage.appendUpdate('r', updateWith('late', 'x')),
      ]);
      const expected: Record<string, string> = { late: 'x' };
      for (let i = 0; i < 5; i++) {
        expected[`a${i}`] = 'A';
        expected[`b${i}`] = 'B';
      }
      expect(replay((await storage.loadLog('r')).updates)).toEqual(expected);
      // Compacting again with a state that lacks everything still keeps everything.
      const log = await storage.loadLog('r');
      await storage.compact('r', Y.encodeStateAsUpdate(new Y.Doc()), log.lastSeq);
      const final = await storage.loadLog('r');
      expect(final.updates).toHaveLength(1);
      expect(replay(final.updates)).toEqual(expected);
    });

    it('stores snapshots per room, lists them newest first, and returns their state', async () => {
      const state = updateWith('a', '1');
      await storage.saveSnapshot('r', {
        id: 's1',
        label: 'first',
        createdAt: '2024-01-01T00:00:00.000Z',
        state,
      });
      await storage.saveSnapshot('r', {
        id: 's2',
        label: 'second',
        createdAt: '2024-01-02T00:00:00.000Z',
        state,
      });
      await storage.saveSnapshot('other', {
        id: 's3',
        label: 'x',
        createdAt: '2024-01-03T00:00:00.000Z',
        state,
      });
      expect(await storage.listSnapshots('r')).toEqual([
        { id: 's2', label: 'second', createdAt: '2024-01-02T00:00:00.000Z' },
        { id: 's1', label: 'first', createdAt: '2024-01-01T00:00:00.000Z' },
      ]);
      const got = await storage.getSnapshot('r', 's1');
      expect(got?.label).toBe('first');
      expect(replay([got?.state ?? new Uint8Array()])).toEqual({ a: '1' });
      expect(await storage.getSnapshot('other', 's1')).toBeNull();
    });

    it('deleteRoom removes one room’s log and snapshots and nothing else', async () => {
      await storage.appendUpdate('gone', updateWith('a', '1'));
      await storage.appendUpdate('kept', updateWith('b', '2'));
      const state = updateWith('a', '1');
      await storage.saveSnapshot('gone', {
        id: 'g1',
        label: 'g',
        createdAt: '2024-01-01T00:00:00.000Z',
        state,
      });
      await storage.saveSnapshot('kept', {
        id: 'k1',
        label: 'k',
        createdAt: '2024-01-01T00:00:00.000Z',
        state,
      });
      await storage.deleteRoom('gone');
      await storage.deleteRoom('never-stored');
      expect(await storage.hasRoom('gone')).toBe(false);
      expect(await storage.listSnapshots('gone')).toEqual([]);
      expect(await storage.listRooms()).toEqual(['kept']);
      expect(await storage.listSnapshots('kept')).toHaveLength(1);
    });
  });
}
