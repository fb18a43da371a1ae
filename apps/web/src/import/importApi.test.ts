import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commitFile, importQuery, importTheHive, previewTheHive } from './importApi.ts';

describe('the commit carries the options the preview used', () => {
  it('puts format, zone and the mapping (as JSON) in the query, and nothing when unset', () => {
    expect(importQuery({})).toBe('');
    const q = importQuery({
      format: 'generic',
      zone: 'Europe/Paris',
      mapping: { time: 'When', description: 'What' },
    });
    const params = new URLSearchParams(q.slice(1));
    expect(q.startsWith('?')).toBe(true);
    expect(Object.fromEntries(params)).toEqual({
      format: 'generic',
      zone: 'Europe/Paris',
      mapping: '{"time":"When","description":"What"}',
    });
  });

  it('names the import for the shared progress bar: the file and who imports it', () => {
    const q = importQuery({ format: 'iris' }, { label: 'iris.csv', by: 'Ada' });
    expect(Object.fromEntries(new URLSearchParams(q.slice(1)))).toEqual({
      format: 'iris',
      label: 'iris.csv',
      by: 'Ada',
    });
  });
});

describe('with auth on, every import request carries the board’s invite', () => {
  const room = 'room_abc';
  const token = 'header.payload.signature';
  const form = { baseUrl: 'https://hive.example', apiKey: 'k', caseId: '~1' };

  beforeEach(() => {
    const store = new Map([[`causeway:token:${room}`, token]]);
    vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends Authorization: Bearer on the TheHive preview and import', async () => {
    const seen: Record<string, string>[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen.push(init.headers as Record<string, string>);
      return new Response(
        JSON.stringify({ added: 1, lastEventId: 'ev-1', duplicates: { onBoard: 0, inFile: 0 } }),
      );
    });
    await previewTheHive(room, form);
    expect(await importTheHive(room, form, 'Ada')).toEqual({
      added: 1,
      lastEventId: 'ev-1',
      duplicates: { onBoard: 0, inFile: 0 },
    });
    expect(seen.map((h) => h.authorization)).toEqual([`Bearer ${token}`, `Bearer ${token}`]);
  });

  it('sets Authorization on the file upload', async () => {
    const headers: Record<string, string> = {};
    class FakeXhr {
      status = 201;
      responseText = '{"added":2,"duplicates":{"onBoard":0,"inFile":0}}';
      upload = {};
      onload: (() => void) | null = null;
      open() {}
      setRequestHeader(name: string, value: string) {
        headers[name] = value;
      }
      send() {
        this.onload?.();
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const file = new File(['time,description\n'], 'x.csv');
    expect((await commitFile(room, file, {}, 'Ada', () => {})).added).toBe(2);
    expect(headers.authorization).toBe(`Bearer ${token}`);
  });
});
