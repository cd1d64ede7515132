import type {
  DerivationSource,
  Slot,
  TemplatePart,
} from './json-derivation.ts';
import { hitsIn, textsOf } from './json-spellings.ts';
import { applyTransform } from './json-transform.ts';

/**
 * A template with a cell field (`` repo=`{}/{name}` ``): a string column
 * that holds another column's value (through a transform) beside text no
 * column gives. The row keeps that text as its cell, and the template
 * gives the rest, the fixed text around the cell included. The first row
 * proposes where the source sits; the template is taken only when every
 * row holds the source's value at the same end.
 */

/** A source spelled this short matches too much by chance to stand beside a cell. */
const MIN_SPELLING = 3;
/** The field must give at least this share of the column's characters. */
const MIN_FIELD_SHARE = 0.25;

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values)
    while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

function commonSuffix(values: readonly string[]): string {
  let suffix = values[0] ?? '';
  for (const value of values)
    while (!value.endsWith(suffix)) suffix = suffix.slice(1);
  return suffix;
}

/**
 * The template with a cell field of a string column present in every row,
 * or undefined. `before`: the cell sits before the field, the fixed text
 * after the field closing every row; `after`: the other way round.
 */
export function inferCellTemplate(
  targets: readonly unknown[],
  sources: readonly DerivationSource[],
): TemplatePart[] | undefined {
  if (
    targets.length < 2 ||
    !targets.every((value) => typeof value === 'string')
  )
    return undefined;
  const strings = targets as string[];
  const first = strings[0]!;
  const texts = sources.map(({ column, values }) =>
    /[|}]/.test(column.name) ? undefined : textsOf(values),
  );
  const hits = hitsIn(
    targets,
    0,
    sources,
    texts.map((values) => values !== undefined),
  ).filter((hit) => hit.text.length >= MIN_SPELLING);
  for (const hit of hits) {
    const values = texts[hit.source]!;
    for (const side of ['before', 'after'] as const) {
      const fixed =
        side === 'before'
          ? first.slice(hit.at + hit.text.length)
          : first.slice(0, hit.at);
      for (const transform of hit.transforms) {
        // Initials beside free text read as a coincidence, not a field.
        if (transform.words === 'initial' || transform.words === 'initials')
          continue;
        const cells: string[] = [];
        let given = 0;
        for (const [row, value] of strings.entries()) {
          const spelled = applyTransform(values[row]!, transform);
          given += spelled.length;
          const around = side === 'before' ? spelled + fixed : fixed + spelled;
          if (
            side === 'before'
              ? !value.endsWith(around)
              : !value.startsWith(around)
          )
            break;
          cells.push(
            side === 'before'
              ? value.slice(0, value.length - around.length)
              : value.slice(around.length),
          );
        }
        if (
          cells.length < strings.length ||
          given <
            MIN_FIELD_SHARE *
              strings.reduce((sum, value) => sum + value.length, 0)
        )
          continue;
        // Text every cell shares at its ends moves into the template.
        const head = commonPrefix(cells);
        const tail = commonSuffix(cells.map((cell) => cell.slice(head.length)));
        if (cells.every((cell) => cell.length === head.length + tail.length))
          continue;
        const slot: Slot = { source: sources[hit.source]!.column, transform };
        return side === 'before'
          ? [head, { cell: true }, tail, slot, fixed]
          : [fixed, slot, head, { cell: true }, tail];
      }
    }
  }
  return undefined;
}
