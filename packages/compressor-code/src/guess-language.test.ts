import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guessLanguage } from './guess-language.ts';
import { languageFromFileName, normalizeLanguage } from './languages.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');

describe('guessLanguage', () => {
  it.each([
    ['sample.ts', 'typescript'],
    ['sample.js', 'javascript'],
    ['sample.py', 'python'],
    ['sample.go', 'go'],
    ['sample.rs', 'rust'],
    ['sample.java', 'java'],
    ['sample.cs', 'c-sharp'],
    ['sample.rb', 'ruby'],
    ['sample.php', 'php'],
    ['sample.cpp', 'cpp'],
    ['sample.sh', 'bash'],
  ])('recognises %s as %s', (file, language) => {
    expect(guessLanguage(readFileSync(join(FIXTURES, file), 'utf8'))).toBe(
      language,
    );
  });

  it('takes a shebang over the patterns', () => {
    expect(guessLanguage('#!/usr/bin/env python3\nprint("hi")\n')).toBe(
      'python',
    );
  });

  it("reads Go's type declarations as Go, and `$`-prefixed TypeScript names as TypeScript", () => {
    const types = Array.from(
      { length: 10 },
      (_, i) => `type Kind${i} struct {\n\tName string\n}\n`,
    ).join('\n');
    expect(guessLanguage(`package cobra\n\n${types}\nfunc Run() {}\n`)).toBe(
      'go',
    );
    const schemas = Array.from(
      { length: 10 },
      (_, i) =>
        `export interface ZodMini${i}<T> extends core.$ZodType<T> {\n  check(...checks: core.$ZodCheck<T>[]): this;\n}\nexport function mini${i}(params?: string): ZodMini${i}<unknown> {\n  return core.$constructor(core.$ZodType${i}, params);\n}`,
    ).join('\n');
    expect(guessLanguage(schemas)).toBe('typescript');
  });

  it('gives up on prose', () => {
    expect(
      guessLanguage('The quick brown fox.\nJumps over the lazy dog.\n'),
    ).toBeUndefined();
  });
});

describe('normalizeLanguage', () => {
  it('maps detector names and aliases to grammar names', () => {
    expect(normalizeLanguage('csharp')).toBe('c-sharp');
    expect(normalizeLanguage('C++')).toBe('cpp');
    expect(normalizeLanguage('sh')).toBe('bash');
    expect(normalizeLanguage('TypeScript')).toBe('typescript');
    expect(normalizeLanguage('kotlin')).toBeUndefined();
  });
});

describe('languageFromFileName', () => {
  it('reads the extension', () => {
    expect(languageFromFileName('src/query.mts')).toBe('typescript');
    expect(languageFromFileName('App.tsx')).toBe('tsx');
    expect(languageFromFileName('lib/word_count.rb')).toBe('ruby');
    expect(languageFromFileName('Makefile')).toBeUndefined();
  });
});
