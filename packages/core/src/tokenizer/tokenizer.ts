/**
 * Counts tokens for one model family. `name` says which tokenizer counted
 * (`o200k_base`, `cl100k_base`, `estimate:claude`, ...) and is stored on every
 * entry and result so a reader knows whether a count is exact.
 */
export interface Tokenizer {
  readonly name: string;
  /** True when counts equal the provider's own tokenizer (not an estimate). */
  readonly exact: boolean;
  /** Loads lazy tables once; `count` works synchronously afterwards. */
  load(): Promise<void>;
  /** True once `count` can run synchronously. */
  readonly loaded: boolean;
  /** Token count of `text`. Throws `NotReadyError` before `load()` resolved. */
  count(text: string): number;
}
