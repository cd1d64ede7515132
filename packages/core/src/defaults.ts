/**
 * Every library default in one place; `docs/reference/defaults.md`
 * reproduces this table.
 */
export const DEFAULTS: {
  /** Model whose tokenizer counts tokens. */
  readonly model: string;
  /** Seconds an entry lives after its last write. */
  readonly ttl: number;
  /** Entries kept before the least recently written is evicted. */
  readonly maxEntries: number;
  /** Content under this many tokens passes through untouched. */
  readonly minTokens: number;
  /** A compressor's output must save at least this fraction of tokens, or the next candidate is tried. */
  readonly minSavings: number;
  /** Lines or items `retrieve(key, { query })` returns at most. */
  readonly retrieveLimit: number;
  /** When true, nothing is dropped: compressors only re-encode, and no marker is written. */
  readonly lossless: boolean;
} = {
  model: 'claude-sonnet-4-5-20250929',
  ttl: 3600,
  maxEntries: 100,
  minTokens: 250,
  minSavings: 0.05,
  retrieveLimit: 200,
  lossless: false,
};
