import { describe, expect, it } from 'vitest';
import { isMustKeep, matchesQuery, queryTerms } from './must-keep.ts';

describe('isMustKeep', () => {
  it('keeps numbers, identifiers, paths, URLs and flags', () => {
    for (const word of [
      '42',
      'v1.2.3',
      '0xff,',
      'https://example.com',
      'www.example.com',
      '/usr/bin/node',
      'C:\\temp',
      'index.ts',
      'useQuery',
      'QueryClient',
      'MAX_RETRIES',
      'HTTP',
      'snake_case',
      '--force',
      '-f',
      '@tanstack/query',
      '$HOME',
      'key=value',
      'fn()',
    ]) {
      expect(isMustKeep(word), word).toBe(true);
    }
  });

  it('lets ordinary words, capitalised words and punctuation go', () => {
    for (const word of [
      'the',
      'Query',
      'cache,',
      'end.',
      '(see',
      '—',
      'well-known',
      'A',
    ]) {
      expect(isMustKeep(word), word).toBe(false);
    }
  });
});

describe('queryTerms', () => {
  it('lower-cases, stems and drops short and function words', () => {
    expect(queryTerms('How do I invalidate the Caches?')).toEqual([
      'invalidat',
      'cach',
    ]);
    expect(queryTerms(undefined)).toEqual([]);
  });
});

describe('matchesQuery', () => {
  it('matches inflected forms of a query term', () => {
    const terms = queryTerms('invalidate caches');
    expect(matchesQuery('Invalidation', terms)).toBe(true);
    expect(matchesQuery('cache,', terms)).toBe(true);
    expect(matchesQuery('query', terms)).toBe(false);
    expect(matchesQuery('anything', [])).toBe(false);
  });
});
