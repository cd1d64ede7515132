import { describe, expect, it } from 'vitest';
import { searchOriginal } from './retrieve.ts';

describe('searchOriginal', () => {
  it('returns the items of a root JSON array that match', () => {
    const original = JSON.stringify([
      { name: 'alpha', status: 'ok' },
      { name: 'beta', status: 'failed' },
    ]);
    expect(searchOriginal(original, 'failed')).toEqual([
      '{"name":"beta","status":"failed"}',
    ]);
  });

  it('returns the items of the biggest array inside a root object', () => {
    const original = JSON.stringify(
      {
        total_count: 3,
        items: [
          { title: 'Crash on start', state: 'open' },
          { title: 'Docs typo', state: 'closed' },
          { title: 'Crash on exit', state: 'open' },
        ],
      },
      null,
      2,
    );
    expect(searchOriginal(original, 'crash')).toEqual([
      '{"title":"Crash on start","state":"open"}',
      '{"title":"Crash on exit","state":"open"}',
    ]);
  });

  it('falls back to lines for an object without arrays and for 10,000-deep JSON', () => {
    expect(searchOriginal('{\n"a": "needle",\n"b": 1\n}', 'needle')).toEqual([
      '"a": "needle",',
    ]);
    const deep = `${'['.repeat(10_000)}"needle"${']'.repeat(10_000)}`;
    expect(searchOriginal(deep, 'needle')).toEqual([deep]);
  });

  it('handles 500,000 lines without overflowing the stack', () => {
    const original = Array.from(
      { length: 500_000 },
      (_, i) => `line ${i}`,
    ).join('\n');
    expect(searchOriginal(original, 'line 499999')).toEqual(['line 499999']);
  });
});
