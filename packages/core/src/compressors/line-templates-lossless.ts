import { InvalidArgumentError } from '../errors/index.ts';

/**
 * The lossless line-template encoding (`lossless: true`): every line split
 * at single spaces (so runs of spaces and tabs survive), tokens holding a
 * digit are the variables, the other tokens spell the template (the
 * `key` here). A template used twice or more is written once (`@3: ‹› INFO request ‹› served`) and
 * each of its lines becomes `@3` and the variables, space-separated; other
 * lines are written verbatim after `= `. {@link decodeLineTemplates} gives
 * the original back byte for byte.
 */

/** First line of an encoded text: what a reader needs to expand it. */
export const LINE_TEMPLATES_HEADER =
  '[lossless line templates: "@N v1 v2 …" is template N with each ‹› replaced by the next value; lines after "= " are verbatim]';
const SLOT = '‹›';
const DIGIT = /\d/;
const TEMPLATE_LINE = /^@(\d+): (.*)$/s;
const USE_LINE = /^@(\d+)(?: (.*))?$/s;

/** The template key of a line: digit-bearing tokens become slots. */
function templateOf(tokens: readonly string[]): string {
  return tokens.map((token) => (DIGIT.test(token) ? SLOT : token)).join(' ');
}

function commonPrefix(values: readonly string[]): number {
  let length = 0;
  const first = values[0]!;
  while (
    length < first.length &&
    values.every((value) => value[length] === first[length])
  )
    length++;
  return length;
}

function commonSuffix(values: readonly string[], skip: number): number {
  let length = 0;
  const first = values[0]!;
  while (
    length < first.length - skip &&
    values.every(
      (value) =>
        value.length - length > skip &&
        value[value.length - 1 - length] === first[first.length - 1 - length],
    )
  )
    length++;
  return length;
}

/**
 * Encodes `content` as line templates plus variable columns, or returns
 * undefined when that cannot be done safely (the slot sign already occurs)
 * or no template repeats. A column's common prefix and suffix move into
 * the template (`2026-03-04T10:‹›:00Z`, `worker-‹›`, `‹›ms`), and a column
 * that never varies becomes part of it.
 */
export function encodeLineTemplates(content: string): string | undefined {
  if (content.includes(SLOT)) return undefined;
  const lines = content.split('\n');
  const split = lines.map((line) => line.split(' '));
  const members = new Map<string, number[]>();
  split.forEach((tokens, i) => {
    const key = templateOf(tokens);
    const list = members.get(key);
    if (list) list.push(i);
    else members.set(key, [i]);
  });
  const header = [LINE_TEMPLATES_HEADER];
  const body: string[] = lines.map((line) => `= ${line}`);
  let id = 0;
  for (const indices of members.values()) {
    if (indices.length < 2) continue;
    id++;
    const tokens = [...split[indices[0]!]!];
    const columns: Array<{ position: number; start: number; end: number }> = [];
    tokens.forEach((token, position) => {
      if (!DIGIT.test(token)) return;
      const values = indices.map((i) => split[i]![position]!);
      if (values.every((value) => value === token)) return;
      const start = commonPrefix(values);
      const end = commonSuffix(values, start);
      tokens[position] =
        `${token.slice(0, start)}${SLOT}${token.slice(token.length - end)}`;
      columns.push({ position, start, end });
    });
    header.push(`@${id}: ${tokens.join(' ')}`);
    for (const i of indices) {
      const values = columns.map(({ position, start, end }) => {
        const value = split[i]![position]!;
        return value.slice(start, value.length - end);
      });
      body[i] = values.length ? `@${id} ${values.join(' ')}` : `@${id}`;
    }
  }
  return id === 0 ? undefined : [...header, ...body].join('\n');
}

/**
 * The original text of a {@link encodeLineTemplates} encoding, byte for
 * byte. Throws `InvalidArgumentError` on text that is not one.
 *
 * @example
 * const result = await compress(log, { lossless: true, contentType: 'log' });
 * const original = result.transforms.includes('log:lossless-templates')
 *   ? decodeLineTemplates(result.compressed)
 *   : result.compressed;
 */
export function decodeLineTemplates(text: string): string {
  const lines = text.split('\n');
  if (lines[0] !== LINE_TEMPLATES_HEADER) {
    throw new InvalidArgumentError({
      parameter: 'text',
      value: lines[0],
      message: 'not a lossless line-template encoding (its header is missing)',
    });
  }
  const templates = new Map<string, string[]>();
  const out: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('= ')) {
      out.push(line.slice(2));
      continue;
    }
    const template = TEMPLATE_LINE.exec(line);
    if (template && out.length === 0 && !templates.has(template[1]!)) {
      templates.set(template[1]!, template[2]!.split(SLOT));
      continue;
    }
    const use = USE_LINE.exec(line);
    const parts = use ? templates.get(use[1]!) : undefined;
    const values = use?.[2]?.split(' ') ?? [];
    if (!parts || values.length !== parts.length - 1) {
      throw new InvalidArgumentError({
        parameter: 'text',
        value: line,
        message: `line ${i + 1} is neither a template, a use of one nor a verbatim line`,
      });
    }
    out.push(
      parts.reduce((joined, part, k) => `${joined}${values[k - 1]}${part}`),
    );
  }
  return out.join('\n');
}
