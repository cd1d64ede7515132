import {
  parseCsv,
  readCorpus,
} from '@sharedcontext-internal/test-utils/corpus';
import { readSearchPaths } from '@sharedcontext-internal/test-utils/read-search-paths';

/** How many of the facts a receiving agent needs survived compression. */
export interface NeedleResult {
  found: number;
  total: number;
  missing: string[];
}

function check(needles: readonly string[], output: string): NeedleResult {
  const missing = needles.filter((needle) => !output.includes(needle));
  return {
    found: needles.length - missing.length,
    total: needles.length,
    missing: missing.slice(0, 5),
  };
}

/** Level columns: words, and logcat's one-letter E, W and F. */
const ERROR_LEVEL = /^(error|err|warn|warning|fatal|critical|severe|E|W|F)$/;
const ERROR_LEVEL_WORD = /^(error|err|warn|warning|fatal|critical|severe)$/i;
const ERROR_WORDS =
  /error|fail|invalid|denied|refused|break-in|exception|fatal/i;

/**
 * Logs: every distinct error-level event template (per the loghub
 * structured CSV: an error or warning Level, or error words in the
 * template) must keep at least one of its original lines verbatim.
 */
export function logNeedles(file: string, output: string): NeedleResult {
  const lines = readCorpus(`logs/${file}`).split('\n');
  const events = new Map<string, string[]>();
  for (const record of parseCsv(readCorpus(`logs/${file}_structured.csv`))) {
    // Error level by the Level column where there is one, and error words
    // in the template everywhere (a CBS log is all Info, yet fails).
    const isError =
      ERROR_LEVEL.test(record.Level ?? '') ||
      ERROR_LEVEL_WORD.test(record.Level ?? '') ||
      ERROR_WORDS.test(record.EventTemplate ?? '');
    if (!isError) continue;
    const line = lines[Number(record.LineId) - 1];
    if (line === undefined) continue;
    events.set(record.EventId!, [...(events.get(record.EventId!) ?? []), line]);
  }
  const missing = [...events.entries()]
    .filter(
      ([, candidates]) => !candidates.some((line) => output.includes(line)),
    )
    .map(([event]) => event);
  return {
    found: events.size - missing.length,
    total: events.size,
    missing: missing.slice(0, 5),
  };
}

/** JSON arrays: every field name, the item count, and the top-10 items by the largest numeric field. */
export function jsonNeedles(original: string, output: string): NeedleResult {
  const parsed: unknown = JSON.parse(original);
  const items = Array.isArray(parsed) ? parsed : [];
  const objects = items.filter(
    (item): item is Record<string, unknown> =>
      typeof item === 'object' && item !== null && !Array.isArray(item),
  );
  const fields = [...new Set(objects.flatMap((item) => Object.keys(item)))];
  const needles = [...fields, String(items.length)];
  const numeric = fields.find(
    (field) =>
      objects.every((item) => typeof item[field] === 'number') &&
      /download|count|total|score/i.test(field),
  );
  if (numeric) {
    const top = [...objects]
      .sort((a, b) => (b[numeric] as number) - (a[numeric] as number))
      .slice(0, 10);
    const label = fields.find(
      (field) => typeof objects[0]?.[field] === 'string',
    );
    if (label) needles.push(...top.map((item) => String(item[label])));
  }
  return check(needles, output);
}

/**
 * Search results: every file path, written in full or under a directory
 * header (the compressor's documented rendering, read back).
 */
export function searchNeedles(original: string, output: string): NeedleResult {
  const paths = new Set<string>();
  for (const line of original.split('\n')) {
    const match = /^([^\s:]+?)[:-]\d+[:-]/.exec(line);
    if (match) paths.add(match[1]!);
  }
  const written = readSearchPaths(output);
  const missing = [...paths].filter(
    (path) => !written.has(path) && !output.includes(path),
  );
  return {
    found: paths.size - missing.length,
    total: paths.size,
    missing: missing.slice(0, 5),
  };
}

/** Diffs: every file header and hunk header. */
export function diffNeedles(original: string, output: string): NeedleResult {
  return check(
    original
      .split('\n')
      .filter(
        (line) => line.startsWith('diff --git ') || line.startsWith('@@ '),
      ),
    output,
  );
}

/** Code: every top-level declaration name. */
export function codeNeedles(original: string, output: string): NeedleResult {
  const names = new Set<string>();
  const pattern =
    /^(?:export\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:pub(?:\([^)]*\))?\s+)?(?:function\*?|class|interface|type|enum|const|let|def|fn|struct|trait|impl)\s+([A-Za-z_][\w]*)/;
  for (const line of original.split('\n')) {
    const match = pattern.exec(line);
    if (match) names.add(match[1]!);
  }
  return check([...names], output);
}

/** Prose: every heading line. */
export function proseNeedles(original: string, output: string): NeedleResult {
  return check(
    original.split('\n').filter((line) => /^#{1,6}\s/.test(line)),
    output,
  );
}

/** Headroom fixtures: the error-signal lines/items Headroom kept must be kept by us too. */
export function keptSignalNeedles(
  headroomOutput: string,
  output: string,
): NeedleResult {
  const signal = /error|exception|fail|fatal|critical|panic|timeout|denied/i;
  const needles = headroomOutput
    .split(/\n|(?<=\}),(?=\{)/)
    .map((part) =>
      part
        .trim()
        .replace(/^\[(?=\{)/, '')
        .replace(/(?<=\})\]$/, ''),
    )
    .filter(
      (part) =>
        part.length > 0 &&
        part.length < 400 &&
        signal.test(part) &&
        // Headroom's own summary lines are not content.
        !/lines omitted|Retrieve (more|full)|compressed to|_ccr_dropped/.test(
          part,
        ),
    )
    .flatMap((part) => {
      // Compare on values, not on formatting: Headroom re-serialises JSON.
      const values = part.match(/"(?:[^"\\]|\\.){3,}"|\b\d{3,}\b/g);
      return values && part.startsWith('{')
        ? values
            .filter((value) => signal.test(value) || /^\d/.test(value))
            .map((value) => value.replace(/^"|"$/g, ''))
        : [part];
    });
  return check([...new Set(needles)], output);
}
