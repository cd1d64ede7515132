/**
 * Last gate: if compression did not shrink the content, the original is
 * used. Returns the label for that case, or undefined when the output wins.
 */
export function savingsStage(
  originalTokens: number,
  compressedTokens: number,
): string | undefined {
  return compressedTokens >= originalTokens
    ? 'passthrough:no-savings'
    : undefined;
}

/** `router:<type>:<compressed/original>` to two decimals, as Headroom labels it (but in tokens). */
export function routerLabel(
  contentType: string,
  originalTokens: number,
  compressedTokens: number,
): string {
  const ratio = originalTokens === 0 ? 1 : compressedTokens / originalTokens;
  return `router:${contentType}:${ratio.toFixed(2)}`;
}
