/** The CLI's commands as functions (tested directly); main.ts only parses arguments. */
import {
  AuditStore,
  Auth,
  backupBoard,
  bundle,
  InviteStore,
  isRole,
  openSecurityDb,
  parseBackup,
  restoreBoardOffline,
  SqliteStorage,
  sqliteFile,
} from '@causeway/relay';

/** Storage, invites and audit of a data directory; `close` releases the files. */
export function openBackupSources(dataDir: string) {
  const storage = new SqliteStorage(sqliteFile(dataDir));
  const db = openSecurityDb(sqliteFile(dataDir));
  return {
    storage,
    invites: new InviteStore(db),
    audit: new AuditStore(db),
    close: async () => {
      await storage.close();
      db.close();
    },
  };
}

interface Target {
  readonly room?: string | undefined;
  readonly data: string;
  readonly url?: string | undefined;
  readonly token?: string | undefined;
}

const headers = (token: string | undefined) => (token ? { authorization: `Bearer ${token}` } : {});

async function expectOk(res: Response, what: string): Promise<Response> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res;
}

/** The backup file's text for one board or all. */
export async function runBackup(t: Target): Promise<string> {
  if (t.url) {
    if (!t.room) throw new Error('--url backs up one board: give --room');
    const res = await fetch(new URL(`/api/rooms/${t.room}/backup`, t.url), {
      headers: headers(t.token),
    });
    return (await expectOk(res, 'backup')).text();
  }
  const src = openBackupSources(t.data);
  try {
    const rooms = t.room ? [t.room] : await src.storage.listRooms();
    const boards = [];
    for (const room of rooms) {
      const b = await backupBoard(src, room);
      if (!b) throw new Error(`no board ${room} in ${t.data}`);
      boards.push(b);
    }
    return JSON.stringify(bundle(boards));
  } finally {
    await src.close();
  }
}

/** Restores the boards in `text`; returns their ids. */
export async function runRestore(text: string, t: Target): Promise<string[]> {
  const backup = parseBackup(JSON.parse(text));
  let boards = [...backup.boards];
  // One board may be restored under a new id (moving it next to an existing board of that name).
  const rename = t.room && boards.length === 1 ? t.room : undefined;
  if (t.room && !rename) boards = boards.filter((b) => b.room === t.room);
  if (boards.length === 0) throw new Error('nothing to restore');
  if (t.url) {
    for (const b of boards) {
      const room = rename ?? b.room;
      const res = await fetch(new URL(`/api/rooms/${room}/backup`, t.url), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...headers(t.token) },
        body: JSON.stringify(bundle([b])),
      });
      await expectOk(res, `restore ${room}`);
    }
    return boards.map((b) => rename ?? b.room);
  }
  const dst = openBackupSources(t.data);
  try {
    for (const b of boards) await restoreBoardOffline(dst, b, rename ?? b.room);
  } finally {
    await dst.close();
  }
  return boards.map((b) => rename ?? b.room);
}

/** Mints an invite URL fragment `#token=…` for a board, recording it in the data dir. */
export async function runToken(o: {
  room: string;
  role: string;
  name: string;
  hours: string;
  data: string;
  secret: string | undefined;
}): Promise<string> {
  if (!o.secret) throw new Error('set CAUSEWAY_SECRET to the relay’s secret');
  if (!isRole(o.role)) throw new Error('role must be facilitator, editor or viewer');
  const src = openBackupSources(o.data);
  try {
    const auth = new Auth(o.secret, src.invites);
    const minted = await auth.mint({
      room: o.room,
      role: o.role,
      subject: o.name,
      ttlSeconds: Math.round(Number(o.hours) * 3600),
      createdBy: 'causeway token (CLI)',
    });
    return `/r/${o.room}#token=${minted?.token ?? ''}`;
  } finally {
    await src.close();
  }
}
