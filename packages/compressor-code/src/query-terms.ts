// Words that match nearly every body: keywords and question words.
const STOP_WORDS = new Set(
  'the and for with that this from what how does where when which into are not about all any why who has have can use uses using code file class method function body return returns get set new let const var def self async await public private static void string number true false null none undefined'.split(
    ' ',
  ),
);

/** Lowercase terms of a query that select bodies to keep: 3+ characters, no stop words. */
export function queryTerms(query: string | undefined): string[] {
  if (!query) return [];
  const terms = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}_$]+/u)
    .filter((term) => term.length >= 3 && !STOP_WORDS.has(term));
  return [...new Set(terms)];
}
