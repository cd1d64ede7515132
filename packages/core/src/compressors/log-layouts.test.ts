import { generateLog } from '@sharedcontext-internal/test-utils';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';

const o200k = tiktokenTokenizer('o200k_base');
beforeAll(() => o200k.load());

/** Through compress(), as a user would: detection and routing included. */
async function run(content: string) {
  return compress(content, { tokenizer: o200k, key: 'cf256b1ef' });
}

describe('line templates over generated log layouts (issue 14)', () => {
  it('keeps a verbatim line of every injected error and warning template, and saves at least 80% on 2,000 lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        async (seed) => {
          const generated = generateLog(seed);
          const result = await run(generated.content);
          const kept = new Set(result.compressed.split('\n'));
          const context = `seed ${seed} (${generated.layout})`;
          expect(result.contentType, context).toBe('log');
          for (const template of generated.signalTemplates) {
            expect(
              template.lines.some((line) => kept.has(line)),
              `${context} lost the ${template.level} template of ${template.lines[0]}`,
            ).toBe(true);
          }
          expect(result.savingsPercent, context).toBeGreaterThanOrEqual(80);
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });

  // The layouts issue 14 names, written by hand: one line function each,
  // a few ordinary templates and two error templates.
  const LAYOUTS: Record<string, (i: number, error: 0 | 1 | 2) => string> = {
    'file name and a clock': (i, error) =>
      `service.log:10:${String(i % 60).padStart(2, '0')}:${String(i % 59).padStart(2, '0')} ${error ? `disk ${error === 1 ? 'quota exceeded on' : 'write failed for'} /var/data/${i}` : `request ${i} served in ${i % 90}ms by worker-${i % 7}`}`,
    'pipe-delimited fields': (i, error) =>
      `2026-03-04T10:${String(i % 60).padStart(2, '0')}:00Z|${error ? 'E' : 'I'}|net-${i % 5}|${error === 1 ? 'handshake with peer' : error === 2 ? 'checkpoint of shard' : 'heartbeat from node'} ${i}`,
    'syslog behind extra leading fields': (i, error) =>
      `host-${i % 3} 42 Mar  4 10:${String(i % 60).padStart(2, '0')}:01 sshd[${1000 + i}]: ${error ? (error === 1 ? 'Connection refused by' : 'Timeout waiting for') : 'Accepted publickey for'} user${i % 9} from 10.0.${i % 255}.1`,
    'bracketed clock and program': (i, error) =>
      `[10.30 16:${String(i % 60).padStart(2, '0')}:06] app${i % 4}.exe - ${error ? (error === 1 ? 'proxy.example:5070 error : Could not connect' : 'close, connection reset by peer, failure') : `proxy.example:${5000 + (i % 80)} open through proxy HTTPS`}`,
    logcat: (i, error) =>
      `03-17 16:13:${String(i % 60).padStart(2, '0')}.811  1702  ${2000 + (i % 400)} ${error ? 'E' : 'D'} ${error === 2 ? 'AudioFlinger' : 'WindowManager'}: ${error === 1 ? 'Could not find window token' : error === 2 ? 'buffer underrun on track' : 'relayout window visible='} ${i % 2}`,
    'cluster events': (i, error) =>
      `${134_000 + i} node-${i % 64} ${error ? 'node.hw' : 'unix.sw'} ${error ? 'state_change.unavailable' : 'boot.status'} ${1_077_804_742 + i} 1 ${error === 1 ? 'Component State Change: Component alt0 is in the unavailable state' : error === 2 ? 'ServerFileSystem domain panic' : `boot (command ${i % 3000}) completed`}`,
  };

  for (const [name, line] of Object.entries(LAYOUTS)) {
    it(`compresses a log with ${name} as a log, keeping both error templates`, async () => {
      const errorOf = (i: number): 0 | 1 | 2 =>
        i % 97 === 5 ? 1 : i % 131 === 7 ? 2 : 0;
      const lines = Array.from({ length: 1200 }, (_, i) => line(i, errorOf(i)));
      const result = await run(lines.join('\n'));
      const kept = new Set(result.compressed.split('\n'));
      expect(result.contentType).toBe('log');
      expect(result.savingsPercent).toBeGreaterThanOrEqual(80);
      for (const error of [1, 2]) {
        const verbatim = lines.filter(
          (text, i) => errorOf(i) === error && kept.has(text),
        );
        expect(verbatim.length, `error template ${error}`).toBeGreaterThan(0);
      }
    });
  }

  it('gives every dropped line back through the markers', async () => {
    const generated = generateLog(2026, { lines: 600 });
    const result = await run(generated.content);
    const original = new Set(generated.content.split('\n'));
    expect(result.spans.length).toBeGreaterThan(0);
    for (const span of result.spans)
      for (const [start, end] of span.ranges ?? [])
        for (const line of generated.content.slice(start, end).split('\n'))
          expect(original.has(line)).toBe(true);
  });
});
