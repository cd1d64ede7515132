import { describe, expect, it } from 'vitest';
import { wordSeverity } from '../util/log-severity.ts';
import { listCuts } from './line-lists.ts';

const signal = (item: string): boolean => wordSeverity(item) > 0;

const packages = (count: number, offset = 0): string[] =>
  Array.from(
    { length: count },
    (_, i) =>
      `lib${['net', 'xml', 'ssl', 'zip'][i % 4]}${i + offset}:amd64 (${i % 9}.${i % 31}-${(i % 5) + 1}${i % 3 ? ', automatic' : ''})`,
  );

/** The line as the log compressor writes it: each cut behind `[…]`. */
function cutLine(line: string): string {
  let out = '';
  let from = 0;
  for (const cut of listCuts(line, signal)) {
    out += `${line.slice(from, cut.start)}[${cut.items}]`;
    from = cut.end;
  }
  return out + line.slice(from);
}

describe('listCuts', () => {
  it('keeps the head and first items of a comma list, brackets and all, and counts the rest', () => {
    const line = `Install: ${packages(60).join(', ')}`;
    const cuts = listCuts(line, signal);
    expect(cuts).toHaveLength(1);
    const [cut] = cuts;
    expect(line.slice(0, cut!.start)).toMatch(
      /^Install: libnet0:amd64 \(0\.0-1\), libxml1:amd64 \(1\.1-2, automatic\), /,
    );
    // Commas inside `(…, automatic)` do not split an item.
    expect(line.slice(cut!.start, cut!.end).split('), ').length).toBe(
      cut!.items,
    );
    expect(cut!.end).toBe(line.length);
  });

  it('keeps every item carrying an error or warning word visible, between two cuts', () => {
    const items = packages(60);
    items[30] = 'libgpg-error0:amd64 (1.46-1, automatic)';
    const line = `Install: ${items.join(', ')}`;
    const written = cutLine(line);
    expect(written).toContain(', libgpg-error0:amd64 (1.46-1, automatic), [');
    expect(listCuts(line, signal)).toHaveLength(2);
  });

  it('cuts a whitespace list of ids but never a long sentence', () => {
    const ids = Array.from(
      { length: 40 },
      (_, i) => `blk_${(i * 7_919_113).toString()}`,
    );
    const idLine = `cleanup of ${ids.join(' ')}`;
    expect(listCuts(idLine, signal)).toHaveLength(1);
    const sentence = Array.from(
      { length: 12 },
      () => 'the server keeps running while the other node takes over its work',
    ).join(' and ');
    expect(sentence.length).toBeGreaterThan(300);
    expect(listCuts(sentence, signal)).toEqual([]);
    const clauses = Array.from(
      { length: 12 },
      (_, i) => `step ${i} done before the next one started`,
    ).join(', ');
    expect(listCuts(`Note: ${clauses} and so on`, signal)).toEqual([]);
  });

  it('never cuts the message of a line whose head is ids', () => {
    // A file name, a clock, a pid, a request id and user ids, then words:
    // the head reads as ids, but what would be dropped is the message.
    const head =
      'svc-api.log.1.2026-05-16_13:53:08 2026-05-16 00:00:10.279 25743 INFO svc.api.compute.events [req-ab451068-9756-4ad9-9d18-5ceaa6424627 f7b8d1f1d4d44643b07fa10ca7d021fb e9746973ac574c6b8a9e8857f56a7608 - - -]';
    for (const message of [
      'Creating event network-vif-plugged:e3871ffd-5cd5 for instance b9000564-fe1a-409b-b8cc-1e88b294cd1d',
      'RRD_update (/var/lib/rrds/C Nodes/cn304/pkts_out.rrd): illegal attempt to update using time 1131563037 when last update time is 1131563037 (minimum one second step)',
    ]) {
      const line = `${head} ${message}`;
      expect(line.length).toBeGreaterThan(300);
      expect(listCuts(line, signal)).toEqual([]);
    }
  });

  it('leaves short lines, mixed shapes and lists of problems alone', () => {
    expect(listCuts(`Install: ${packages(4).join(', ')}`, signal)).toEqual([]);
    const mixed = Array.from({ length: 30 }, (_, i) =>
      i % 2 ? `key${i}=value${i}` : `/path/to/file${i}.txt:${i}`,
    ).join(', ');
    expect(listCuts(mixed, signal)).toEqual([]);
    const failures = Array.from(
      { length: 20 },
      (_, i) => `unit${i}.service (failed)`,
    ).join(', ');
    expect(listCuts(`Units: ${failures}`, signal)).toEqual([]);
  });
});
