/** A Markdown table; numbers are right-aligned. */
export function markdownTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const cell = (value: string | number): string =>
    String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const numeric = headers.map(
    (_, column) =>
      rows.length > 0 && rows.every((row) => typeof row[column] === 'number'),
  );
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    `|${numeric.map((isNumber) => (isNumber ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}
