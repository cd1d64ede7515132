import { describe, expect, it } from 'vitest';
import { searchDetector } from './search-detector.ts';

const detector = searchDetector();

function logLines(prefix: (i: number) => string): string {
  return Array.from(
    { length: 120 },
    (_, i) =>
      `${prefix(i)} ${i % 7 === 0 ? 'ERROR' : 'INFO'} request ${i} served in ${i * 3} ms`,
  ).join('\n');
}

describe('searchDetector', () => {
  it('does not take logs whose lines start with a file name and a clock', () => {
    const clock = (i: number): string =>
      `${10 + Math.floor(i / 60)}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
    for (const prefix of [
      (i: number) => `service.log:${clock(i)}`,
      (i: number) => `service.log:[${clock(i)}]`,
      (i: number) => `service.log:2026-11-24T${clock(i)}Z`,
      (i: number) => `node-3.log:2026-11-24 ${clock(i)}`,
    ]) {
      expect(detector.detect(logLines(prefix))).toBeUndefined();
    }
  });

  it('scores numbered log lines low when their numbers repeat or jump back', () => {
    // A process id after the file name reads like a line number, but grep
    // never prints the same file's lines out of order.
    const content = logLines(
      (i) => `worker.log:${[4411, 4412, 4411, 907][i % 4]}:`,
    );
    expect(detector.detect(content)).toBeUndefined();
  });

  it('takes grep -on output, where one line may repeat for each match', () => {
    const content = [
      'src/a.ts:3:driver',
      'src/a.ts:3:driver',
      'src/a.ts:9:driver',
      'src/b.ts:1:driver',
    ].join('\n');
    expect(detector.detect(content)?.contentType).toBe('search');
  });

  it('needs at least one match line', () => {
    expect(
      detector.detect(['src/a.ts-1-x', 'src/a.ts-2-y'].join('\n')),
    ).toBeUndefined();
  });
});

describe('searchDetector: the match shape checked before the lines', () => {
  const files = ['src/a.cs', 'src/b.cs', 'lib/c.cs'];

  it('still takes each match form: `:12:`, `(12,3):` and bare `12:` under a heading', () => {
    const colon = files.map((file, i) => `${file}:${i + 3}:  var x = 1;`);
    const paren = files.map(
      (file, i) => `${file}(${i + 3},7): warning CS0168: x unused`,
    );
    const bare = [
      'src/a.cs',
      '3:  var x = 1;',
      '9:  var y = 2;',
      '',
      'src/b.cs',
      '4:  var z = 3;',
    ];
    for (const lines of [colon, paren, bare])
      expect(detector.detect(lines.join('\n'))?.contentType).toBe('search');
  });

  it('answers nothing for prose and code without one', () => {
    const prose = Array.from(
      { length: 30 },
      (_, i) =>
        `Step ${i + 1} (of 30) calls fetch(${i}) and waits 10 ms: then it retries.`,
    ).join('\n');
    expect(detector.detect(prose)).toBeUndefined();
    expect(
      detector.detect('function f(a: number): number {\n  return g(1) + a;\n}'),
    ).toBeUndefined();
  });
});
