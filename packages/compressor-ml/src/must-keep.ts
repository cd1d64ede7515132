/**
 * Words the model may never drop, whatever it scores them: numbers,
 * identifiers, paths, URLs, flags and code. Headroom's Kompress keeps a
 * similar set (hex, numbers, ALLCAPS, dotted.names, /paths, --flags,
 * CamelCase); we add snake_case, key=value, @scopes and ~/home paths.
 */
const MUST_KEEP_PATTERNS: readonly RegExp[] = [
  /\d/, // numbers, versions, dates, hex, ids with digits
  /^[a-z][a-z0-9+.-]*:\/\//i, // URLs
  /^www\./i,
  /[/\\]/, // paths (unix and windows), a/b alternatives
  /\w\.\w/, // dotted.names, file.ext, e.g. domains
  /[a-z][A-Z]/, // camelCase and PascalCase with an inner capital
  /^[A-Z][A-Z0-9_]+$/, // ALLCAPS, CONSTANT_NAMES
  /\w_\w/, // snake_case
  /^--?[A-Za-z]/, // --flags and -f
  /^[@$]\w/, // @scopes, $variables
  /\w[=:]\w/, // key=value, key:value
  /[<>{}[\]()=;]/, // code-ish punctuation inside the word
];

/** Punctuation stripped before the patterns run (a trailing comma is not code). */
const EDGE_PUNCTUATION = /^["'“‘(*_]+|["'”’),.;:!?*_]+$/g;

/** True when `word` (one whitespace-free word, or an atom) must be kept. */
export function isMustKeep(word: string): boolean {
  const core = word.replace(EDGE_PUNCTUATION, '');
  if (core.length === 0) return false;
  return MUST_KEEP_PATTERNS.some((pattern) => pattern.test(core));
}

/** Common words that a query term never counts as. */
const QUERY_STOP_WORDS = new Set(
  'the and for are was were with that this from what how why when where which who does into about have has had not but you your our their them they its can could would should will'.split(
    ' ',
  ),
);

/** `invalidation`, `invalidated`, `invalidates` → `invalidat`. */
function stem(term: string): string {
  const stripped = term.replace(/(ations?|ions?|ing|ed|es|s|e)$/, '');
  return stripped.length >= 4 ? stripped : term;
}

/**
 * The terms of a query worth matching: lower-cased, crudely stemmed words of
 * three or more characters, minus common function words.
 */
export function queryTerms(query: string | undefined): string[] {
  if (!query) return [];
  const terms = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((term) => term.length >= 3 && !QUERY_STOP_WORDS.has(term))
    .map(stem);
  return [...new Set(terms)];
}

/**
 * True when `word` matches a query term: equal, or (for stems of four
 * characters or more) containing it, so `invalidation` matches the query
 * `invalidate` and `caches` matches `cache`.
 */
export function matchesQuery(word: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const lower = word.toLowerCase().replace(EDGE_PUNCTUATION, '');
  return terms.some(
    (term) => lower === term || (term.length >= 4 && lower.includes(term)),
  );
}
