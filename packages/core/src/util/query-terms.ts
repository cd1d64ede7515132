/**
 * Lower-case, de-duplicated query terms: runs of letters, digits and the
 * characters identifiers, paths, hosts and e-mails are made of (`_ . : / @ -`),
 * at least `minLength` long. One definition for every compressor and for
 * retrieval, so "what matches the query" means the same everywhere.
 */
export function queryTerms(query: string | undefined, minLength = 3): string[] {
  if (!query) return [];
  return [
    ...new Set(
      query
        .toLowerCase()
        .split(/[^\p{L}\p{N}_.:/@-]+/u)
        .filter((term) => term.length >= minLength),
    ),
  ];
}
