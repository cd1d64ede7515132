import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (this file lives in internal/test-utils/src or dist). */
export const REPO_ROOT: string = resolve(here, '../../..');

/**
 * `../shared/corpus` beside the checkout, or `SHAREDCONTEXT_CORPUS`. Read in
 * place; never copied into the repository.
 */
export function corpusDir(): string {
  return (
    process.env.SHAREDCONTEXT_CORPUS ?? resolve(REPO_ROOT, '../shared/corpus')
  );
}

/** True when the shared corpus is present. */
export function hasCorpus(): boolean {
  return existsSync(join(corpusDir(), 'README.md'));
}

/** Absolute path of a corpus file, e.g. `corpusPath('logs/HDFS_2k.log')`. */
export function corpusPath(relative: string): string {
  return join(corpusDir(), relative);
}

/** A corpus file's text. */
export function readCorpus(relative: string): string {
  return readFileSync(corpusPath(relative), 'utf8');
}

/** Names of the files in a corpus folder (sorted), without licence files. */
export function listCorpus(folder: string): string[] {
  return readdirSync(corpusPath(folder))
    .filter((name) => !/^(LICENSE|NOTICE)/.test(name))
    .sort();
}

/** A Headroom parity fixture: `{ transform, input, config, output }`. */
export interface HeadroomFixture {
  name: string;
  transform: string;
  input: unknown;
  config: unknown;
  output: unknown;
  label?: string;
}

/** Every recorded fixture of one Headroom transform (`smart_crusher`, `log_compressor`, ...). */
export function readHeadroomFixtures(transform: string): HeadroomFixture[] {
  const folder = `headroom-fixtures/${transform}`;
  return listCorpus(folder).map((name) => ({
    name,
    ...(JSON.parse(readCorpus(`${folder}/${name}`)) as Omit<
      HeadroomFixture,
      'name'
    >),
  }));
}

/** Minimal RFC 4180 CSV reader for the loghub `*_structured.csv` files
 * (their fields quote commas). Rows become records keyed by the header. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (char !== '\r') field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((cells) =>
    Object.fromEntries(
      header!.map((name, index) => [name, cells[index] ?? '']),
    ),
  );
}
