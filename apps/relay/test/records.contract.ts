/**
 * The contract the invite and audit stores pass on every backend; a backend's test file calls
 * `recordsContract`. `open` may be called twice: a second relay on the same database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewAuditEntry } from '../src/audit/auditStore.ts';
import type { Invite } from '../src/auth/inviteStore.ts';
import type { Records } from '../src/records/open.ts';

export interface RecordsFixture {
  /** Opens the records (and whatever they sit on) on the fixture's shared database. */
  open(): Promise<{ records: Records; close(): Promise<void> }>;
  dispose(): Promise<void>;
}

const invite = (over: Partial<Invite> = {}): Invite => ({
  id: 'inv_a',
  room: 'r1',
  role: 'editor',
  subject: 'Eve',
  expiresAt: 1_900_000_000,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'Fran',
  revokedAt: null,
  ...over,
});

const entry = (over: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  at: '2026-01-01T00:00:00.000Z',
  subject: 'Eve',
  role: 'editor',
  clients: [12, 34],
  bytes: 57,
  areas: ['timeline', 'meta'],
  action: 'edit',
  ...over,
});

export function recordsContract(name: string, create: () => Promise<RecordsFixture>) {
  describe(`Records contract (invites + audit): ${name}`, () => {
    let fixture: RecordsFixture;
    const opened: Array<{ close(): Promise<void> }> = [];
    const open = async () => {
      const o = await fixture.open();
      opened.push(o);
      return o.records;
    };
    beforeEach(async () => {
      fixture = await create();
    });
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.close();
      await fixture.dispose();
    });

    it('an invite never recorded is not usable', async () => {
      const { invites } = await open();
      expect(await invites.isUsable('r1', 'inv_nope')).toBe(false);
      expect(await invites.list('r1')).toEqual([]);
    });

    it('an invite is usable for its own room only, and listed with every field', async () => {
      const { invites } = await open();
      await invites.add(invite());
      expect(await invites.isUsable('r1', 'inv_a')).toBe(true);
      expect(await invites.isUsable('r2', 'inv_a')).toBe(false);
      expect(await invites.list('r1')).toEqual([invite()]);
      expect(await invites.list('r2')).toEqual([]);
    });

    it('lists newest first, ties broken by insertion', async () => {
      const { invites } = await open();
      await invites.add(invite({ id: 'inv_old', createdAt: '2026-01-01T00:00:00.000Z' }));
      await invites.add(invite({ id: 'inv_new', createdAt: '2026-02-01T00:00:00.000Z' }));
      await invites.add(invite({ id: 'inv_tie', createdAt: '2026-02-01T00:00:00.000Z' }));
      expect((await invites.list('r1')).map((i) => i.id)).toEqual([
        'inv_tie',
        'inv_new',
        'inv_old',
      ]);
    });

    it('revokes once, in the right room only; a revoked invite is listed but not usable', async () => {
      const { invites } = await open();
      await invites.add(invite());
      expect(await invites.revoke('r2', 'inv_a')).toBe(false);
      expect(await invites.revoke('r1', 'inv_nope')).toBe(false);
      expect(await invites.revoke('r1', 'inv_a')).toBe(true);
      expect(await invites.revoke('r1', 'inv_a')).toBe(false);
      expect(await invites.isUsable('r1', 'inv_a')).toBe(false);
      const [listed] = await invites.list('r1');
      expect(listed?.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it('adding a known invite again (a restore) never un-revokes it nor moves it', async () => {
      const { invites } = await open();
      await invites.add(invite());
      await invites.revoke('r1', 'inv_a');
      await invites.add(invite());
      expect(await invites.isUsable('r1', 'inv_a')).toBe(false);
      // A backup of another board naming this id must not take the invite over.
      await invites.add(invite({ room: 'r2' }));
      expect(await invites.list('r2')).toEqual([]);
      expect(await invites.list('r1')).toHaveLength(1);
      // But a revocation the backup carries is kept.
      await invites.add(invite({ id: 'inv_b' }));
      await invites.add(invite({ id: 'inv_b', revokedAt: '2026-03-01T00:00:00.000Z' }));
      expect(await invites.isUsable('r1', 'inv_b')).toBe(false);
    });

    it('deleting a room removes its invites and audit log, and no other room’s', async () => {
      const { invites, audit } = await open();
      await invites.add(invite());
      await invites.add(invite({ id: 'inv_other', room: 'r2' }));
      await audit.add('r1', entry());
      await audit.add('r2', entry());
      await invites.deleteRoom('r1');
      await audit.deleteRoom('r1');
      expect(await invites.list('r1')).toEqual([]);
      expect(await invites.isUsable('r1', 'inv_a')).toBe(false);
      expect(await audit.list('r1', 10)).toEqual([]);
      expect(await invites.isUsable('r2', 'inv_other')).toBe(true);
      expect(await audit.list('r2', 10)).toHaveLength(1);
    });

    it('audit entries read back newest first, with every field, per room', async () => {
      const { audit } = await open();
      await audit.add('r1', entry({ subject: 'first' }));
      await audit.add('r1', entry({ subject: 'second', clients: [], areas: ['other'] }));
      await audit.add('r2', entry({ subject: 'elsewhere' }));
      const listed = await audit.list('r1', 10);
      expect(listed.map(({ seq: _seq, ...e }) => e)).toEqual([
        entry({ subject: 'second', clients: [], areas: ['other'] }),
        entry({ subject: 'first' }),
      ]);
      const [newer, older] = listed;
      expect(newer?.seq).toBeGreaterThan(older?.seq ?? Number.POSITIVE_INFINITY);
    });

    it('pages the audit log with limit and before', async () => {
      const { audit } = await open();
      for (let i = 0; i < 5; i++) await audit.add('r1', entry({ subject: `s${i}` }));
      const first = await audit.list('r1', 2);
      expect(first.map((e) => e.subject)).toEqual(['s4', 's3']);
      const next = await audit.list('r1', 10, first.at(-1)?.seq);
      expect(next.map((e) => e.subject)).toEqual(['s2', 's1', 's0']);
    });

    it('keeps the order of entries added in one burst, without awaiting each', async () => {
      const { audit } = await open();
      // More than one write batch, added as the room's update handler adds them: not awaited.
      const writes = Array.from({ length: 1200 }, (_, i) =>
        audit.add('r1', entry({ subject: `s${i}` })),
      );
      // Read-your-writes: list sees every entry added before it was called.
      const listed = await audit.list('r1', 2000);
      await Promise.all(writes);
      expect(listed).toHaveLength(1200);
      expect(listed.map((e) => e.subject)).toEqual(
        Array.from({ length: 1200 }, (_, i) => `s${1199 - i}`),
      );
    });

    it('a second relay on the same database sees the first one’s invites, revocations and audit', async () => {
      const a = await open();
      const b = await open();
      await a.invites.add(invite());
      expect(await b.invites.isUsable('r1', 'inv_a')).toBe(true);
      await a.audit.add('r1', entry({ subject: 'on A' }));
      await b.audit.add('r1', entry({ subject: 'on B' }));
      for (const view of [a, b])
        expect((await view.audit.list('r1', 10)).map((e) => e.subject)).toEqual(['on B', 'on A']);
      expect(await b.invites.revoke('r1', 'inv_a')).toBe(true);
      expect(await a.invites.isUsable('r1', 'inv_a')).toBe(false);
    });
  });
}
