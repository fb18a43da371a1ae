import { describe, expect, it } from 'vitest';
import { importQuery } from './importApi.ts';

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
});
