import { describe, expect, it } from 'vitest';
import { languageSpec, normalizeLanguage } from './languages.ts';

// Issue 15: a language name from user options or detection is looked up
// among the table's own keys only.
describe('normalizeLanguage', () => {
  it('does not take Object.prototype members for languages', () => {
    for (const name of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
    ]) {
      expect(normalizeLanguage(name)).toBeUndefined();
      expect(languageSpec(name)).toBeUndefined();
    }
    expect(normalizeLanguage('TS')).toBe('typescript');
  });
});
