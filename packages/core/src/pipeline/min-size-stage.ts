/**
 * Gate: content under `minTokens` is not worth a compressor's risk (the
 * marker and table headers would eat the savings). Returns the label that
 * says why it passed through, or undefined to go on.
 */
export function minSizeStage(
  originalTokens: number,
  minTokens: number,
): string | undefined {
  return originalTokens < minTokens
    ? `skip:below-min-tokens(${originalTokens}<${minTokens})`
    : undefined;
}
