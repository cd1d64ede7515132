import { describe, expect, it } from 'vitest';
import { logDetector } from './log-detector.ts';

const VERBS = ['moved', 'loaded', 'checked', 'sealed', 'weighed'];

/** Records of a layout no pattern knows: a word, then a counter that changes. */
function counterRecords(lines: number): string {
  return Array.from(
    { length: lines },
    (_, i) =>
      `crate ${(i * 37) % 1000} ${VERBS[i % VERBS.length]} onto the dock by the crane`,
  ).join('\n');
}

describe('logDetector: the repeated-layout hint', () => {
  it('answers lines whose shared leading fields carry a changing number as a weak log hint', () => {
    const detection = logDetector().detect(counterRecords(40));
    expect(detection?.contentType).toBe('log');
    // A hint: tried before the text compressor, never taken on its own.
    expect(detection!.confidence).toBeGreaterThan(0.3);
    expect(detection!.confidence).toBeLessThan(0.5);
  });

  it('answers lines of one fixed lead whose later fields change as a hint too', () => {
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
    const progress = Array.from(
      { length: 30 },
      (_, i) =>
        `Copying file ${names[i % names.length]}-${names[(i * 5) % names.length]}.txt into the archive ...`,
    ).join('\n');
    expect(logDetector().detect(progress)?.contentType).toBe('log');
  });

  it('reads records that repeat only their leading word as a hint, but not prose or a bullet list', () => {
    const names = ['libssl', 'zlib1g', 'curl', 'git', 'make', 'gcc', 'perl'];
    const kinds = [
      'dev',
      'common',
      'data',
      'bin',
      'doc',
      'utils',
      'tools',
      'core',
      'base',
    ];
    const records = Array.from({ length: 60 }, (_, i) => {
      const name = `${names[i % names.length]}-${kinds[Math.floor(i / 7) % kinds.length]}`;
      return i % 2 === 0
        ? `Inst ${name} (1.${i}.0 Debian:12/stable [amd64])`
        : `Conf ${name} (1.${i}.0 Debian:12/stable [amd64])`;
    }).join('\n');
    const hint = logDetector().detect(records);
    expect(hint?.contentType).toBe('log');
    expect(hint!.confidence).toBeLessThan(0.5);
    const bullets = Array.from(
      { length: 30 },
      (_, i) =>
        `- ${names[i % names.length]}-${kinds[Math.floor(i / 7) % kinds.length]} moved before the release`,
    ).join('\n');
    expect(logDetector().detect(bullets)).toBeUndefined();
  });

  it('gives no hint for Markdown whose repeated lines are fences, braces and one statement as written', () => {
    const markdown = Array.from({ length: 10 }, (_, i) =>
      [
        `- Step ${i} keeps the cache warm until it goes stale.`,
        '```ts',
        'const client = useQueryClient()',
        '})',
        '```',
      ].join('\n'),
    ).join('\n');
    expect(logDetector().detect(markdown)).toBeUndefined();
  });

  it('gives no hint with hints off, and the same accepted answers', () => {
    const detector = logDetector({ hints: false });
    expect(detector.detect(counterRecords(40))).toBeUndefined();
    const stamped = Array.from(
      { length: 30 },
      (_, i) =>
        `2024-03-01 10:00:${String(i).padStart(2, '0')} ERROR job ${i} failed`,
    ).join('\n');
    expect(detector.detect(stamped)).toEqual(logDetector().detect(stamped));
    // Code lines cannot count: the answer is known before they are read.
    expect(
      detector.detect('let a = 1;\nlet b = 2;\nfn x() {\n}\n'),
    ).toBeUndefined();
    expect(() => logDetector({ hints: 'no' as never })).toThrow(/hints/);
  });

  it('still reads stamped lines as a log, whatever their leading fields share', () => {
    const stamped = Array.from(
      { length: 30 },
      (_, i) =>
        `2024-03-0${1 + (i % 9)} 10:${String(i % 60).padStart(2, '0')}:00 INFO worker started job`,
    ).join('\n');
    expect(logDetector().detect(stamped)?.confidence).toBeGreaterThanOrEqual(
      0.5,
    );
  });
});

describe('logDetector: level tokens in lines without digits', () => {
  const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
  /** One layout, no digit anywhere, a level token (or not) in the third field. */
  const lines = (level: string): string =>
    Array.from(
      { length: 24 },
      (_, i) =>
        `queue worker ${level} flushed batch ${NAMES[i % NAMES.length]} to ${NAMES[(i * 5) % NAMES.length]}`,
    ).join('\n');

  it('still reads the fields past the layout for a level token', () => {
    // `dbg` and `wrn` match no pattern: only the leading-field level reads them.
    for (const level of ['dbg', 'wrn', '[E]'])
      expect(
        logDetector().detect(lines(level))!.confidence,
      ).toBeGreaterThanOrEqual(0.5);
  });

  it('leaves the same lines without one as a hint only', () => {
    const detection = logDetector().detect(lines('then'));
    expect(detection?.contentType).toBe('log');
    expect(detection!.confidence).toBeLessThan(0.5);
  });
});
