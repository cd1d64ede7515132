/**
 * At `detail: 'balanced'`, when the skeleton's output is still above this
 * share of the input's tokens, short bodies are elided too, least
 * important first, until it fits or none is worth a marker. Files of long
 * bodies land at 20–30 % (measured on held-out repositories) and are not
 * touched; a dense file of one- to four-line methods kept 50–60 %. The
 * bound brings dense files toward the long-bodied ones, while every
 * signature stays whatever the bound.
 */
export const BODY_BUDGET_RATIO = 0.35;
/**
 * A body is elided by the budget only when its marker costs at most this
 * share of its tokens: a marker (`{ /* [… 3 lines · sc:key#1f …] *\/ }`,
 * some 20 tokens) in place of a body barely larger would cost the reader
 * a retrieval for nothing.
 */
export const BODY_MARKER_MAX_SHARE = 0.6;

/** A body short enough to keep, which the budget may elide. */
export interface ShortBody {
  start: number;
  end: number;
  /** Higher keeps the body longer: references to its name, public. */
  importance: number;
  /** Tokens of the body as it is. */
  bodyTokens: number;
  /** Tokens of the marker text that would replace it. */
  markerTokens: number;
}

/** Options of {@link selectBodiesToElide}. */
export interface BodyBudgetOptions {
  /** Tokens of the input. */
  inputTokens: number;
  /** Tokens of the output with every short body kept. */
  outputTokens: number;
  /** @default BODY_BUDGET_RATIO */
  ratio?: number;
}

/**
 * The short bodies to elide so that the output fits in `ratio` of the
 * input: least important first, then largest saving first. Bodies whose
 * marker does not cost clearly less than them are never elided.
 */
export function selectBodiesToElide<Body extends ShortBody>(
  bodies: readonly Body[],
  { inputTokens, outputTokens, ratio = BODY_BUDGET_RATIO }: BodyBudgetOptions,
): Body[] {
  const budget = ratio * inputTokens;
  let output = outputTokens;
  if (output <= budget) return [];
  const eligible = bodies
    .filter(
      (body) => body.markerTokens <= BODY_MARKER_MAX_SHARE * body.bodyTokens,
    )
    .sort(
      (a, b) =>
        a.importance - b.importance ||
        b.bodyTokens - b.markerTokens - (a.bodyTokens - a.markerTokens) ||
        a.start - b.start,
    );
  const chosen: Body[] = [];
  for (const body of eligible) {
    if (output <= budget) break;
    chosen.push(body);
    output -= body.bodyTokens - body.markerTokens;
  }
  return chosen;
}
