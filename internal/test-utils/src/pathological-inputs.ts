/**
 * Seeded generators of inputs that make backtracking regexes and naive
 * scanners blow up: long runs of spaces after keywords, deep indentation,
 * long lines of one character, `a:` repeated, unclosed tags and strings,
 * repeated line prefixes. Each has a few structural knobs drawn from the
 * seed (keyword, run length, tail character), so a test sees layouts no one
 * wrote down, and a failure names the seed to replay.
 */

import { seededRandom } from './seeded.ts';

/** One generated input. */
export interface PathologicalInput {
  /** What it is, with its knobs: `keyword-spaces(public,494,'(')`. */
  name: string;
  text: string;
}

/** Options of {@link pathologicalInputs}. */
export interface PathologicalInputsOptions {
  /** Seed of the generator; the same seed gives the same inputs. @default 1 */
  seed?: number;
  /** Approximate size of each input in UTF-16 units. @default 24_000 */
  size?: number;
}

// Words that start a statement in common languages and markup; detectors
// anchor on them, so a long run after one reaches every quantifier.
const KEYWORDS = [
  'public',
  'private static',
  'const',
  'let',
  'function',
  'def',
  'class',
  'import',
  'export default',
  'return',
  'use',
  'namespace',
  'match',
  'if',
  'fn',
  'func',
  'package',
  '#include',
  '@@',
  'diff --git',
  'ERROR',
  '2024-01-01T00:00:00Z',
  '- ',
  '| a',
  '{ get;',
  '=>',
  '->',
  'do',
];

// Characters that regexes treat as structure.
const STRUCTURE = [
  ' ',
  '\t',
  'a',
  '0',
  '<',
  '>',
  '{',
  '[',
  '(',
  ')',
  '"',
  "'",
  ':',
  ';',
  ',',
  '-',
  '+',
  '=',
  '#',
  '/',
  '*',
  '`',
  '|',
  '.',
  '\\',
  '%',
  '@',
];

const TAILS = ['', 'x', '(', '=', '{', ':', ';', ')', '>', '"'];

/**
 * About 45 hostile inputs for one seed: a keyword followed by a long run of
 * spaces for every keyword, every other family once, each with knobs drawn
 * from the seed.
 */
export function pathologicalInputs({
  seed = 1,
  size = 24_000,
}: PathologicalInputsOptions = {}): PathologicalInput[] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(next() * items.length)]!;
  const between = (low: number, high: number) =>
    low + Math.floor(next() * (high - low + 1));
  const repeatTo = (unit: string) =>
    unit.repeat(Math.max(1, Math.ceil(size / unit.length)));
  const lines = (make: (index: number) => string) => {
    const out: string[] = [];
    let length = 0;
    for (let index = 0; length < size; index++) {
      const line = make(index);
      out.push(line);
      length += line.length + 1;
    }
    return out.join('\n');
  };

  const inputs: PathologicalInput[] = [];
  for (const keyword of KEYWORDS) {
    const spaces = between(200, 700);
    const tail = pick(TAILS);
    inputs.push({
      name: `keyword-spaces(${JSON.stringify(keyword)},${spaces},${JSON.stringify(tail)})`,
      text: lines(() => `${keyword}${' '.repeat(spaces)}${tail}`),
    });
  }
  const step = between(1, 8);
  const indentTail = pick(TAILS);
  inputs.push({
    name: `deep-indent(${step},${JSON.stringify(indentTail)})`,
    text: lines(
      (index) => `${' '.repeat((index * step) % 4000)}x${indentTail}`,
    ),
  });
  for (let round = 0; round < 4; round++) {
    const char = pick(STRUCTURE);
    inputs.push({
      name: `one-char-line(${JSON.stringify(char)})`,
      text: repeatTo(char),
    });
  }
  const pair = `${pick(['a', '0', '"a"', 'key'])}${pick([':', '=', ': ', ','])}`;
  inputs.push({
    name: `repeated(${JSON.stringify(pair)})`,
    text: repeatTo(pair),
  });
  inputs.push({
    name: 'repeated-lines(a:)',
    text: lines(() => 'a:'.repeat(between(50, 300))),
  });
  const tag = pick([
    '<div class="x" ',
    '<a',
    '<!--',
    '<script>',
    '<p><b>',
    '<x:y ',
  ]);
  inputs.push({
    name: `unclosed-tags(${JSON.stringify(tag)})`,
    text: repeatTo(tag),
  });
  inputs.push({
    name: 'unclosed-string',
    text: `{"a": "${'x'.repeat(size)}`,
  });
  inputs.push({
    name: 'open-brackets',
    text: `${'['.repeat(size / 2)}${'{"a":'.repeat(size / 10)}`,
  });
  const alternate = pick([' a', 'a ', ' \t', 'a\t', '- ', ': ']);
  inputs.push({
    name: `alternating(${JSON.stringify(alternate)})`,
    text: repeatTo(alternate),
  });
  const prefix = pick(['+', '-', ' ', '>', '#', '*', '|', '1.', 'file.ts:1:']);
  const run = between(100, 600);
  inputs.push({
    name: `prefix-lines(${JSON.stringify(prefix)},${run})`,
    text: lines(() => `${prefix}${' '.repeat(run)}${pick(TAILS)}`),
  });
  inputs.push({
    name: 'many-columns',
    text: lines((index) =>
      Array.from({ length: between(100, 400) }, () => `${index}`).join(
        pick([',', '\t', '|', ' ']),
      ),
    ),
  });
  inputs.push({
    name: 'one-long-word-line',
    text: lines(() => `${pick(KEYWORDS)} ${'a'.repeat(between(2000, 6000))}`),
  });
  inputs.push({
    name: 'unclosed-fence',
    text: `\`\`\`${pick(['', 'ts', 'json'])}\n${lines(() => `${' '.repeat(between(0, 40))}${pick(KEYWORDS)}`)}`,
  });
  return inputs;
}

/**
 * Ordinary text of about `size` UTF-16 units (seeded pseudo-words and
 * sentence breaks): a yardstick for one tokenizer pass that the
 * tokenizer's cache of repeated pieces cannot make tiny, as it does for
 * the repetitive hostile inputs.
 */
export function ordinaryText(seed: number, size: number): string {
  const words: string[] = [];
  let state = seed >>> 0;
  let length = 0;
  while (length < size) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const word = state.toString(36).slice(0, 2 + (state % 7));
    words.push(state % 11 === 0 ? `${word}.\n` : word);
    length += word.length + 1;
  }
  return words.join(' ');
}
