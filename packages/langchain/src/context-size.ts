import { InvalidArgumentError } from '@sharedcontext/core';

/**
 * A size in the vocabulary of LangChain's built-in `summarizationMiddleware`
 * and `contextEditingMiddleware`: tokens, a fraction of the model's input
 * window (from its profile's `maxInputTokens`), or a message count. As a
 * trigger, every field given must be reached; a list of sizes triggers when
 * any one of them does.
 */
export interface ContextSize {
  tokens?: number;
  fraction?: number;
  messages?: number;
}

/**
 * How many recent tool results stay as they are, in the same vocabulary:
 * exactly one of `messages` (that many results), `tokens` (the newest
 * results that fit) or `fraction` (of the model's input window).
 */
export type KeepSize =
  | { messages: number; tokens?: never; fraction?: never }
  | { tokens: number; messages?: never; fraction?: never }
  | { fraction: number; messages?: never; tokens?: never };

const FIELDS = ['tokens', 'fraction', 'messages'] as const;

function assertField(
  parameter: string,
  name: (typeof FIELDS)[number],
  value: unknown,
): void {
  const valid =
    name === 'fraction'
      ? typeof value === 'number' && value > 0 && value <= 1
      : Number.isInteger(value) && (value as number) >= 0;
  if (!valid)
    throw new InvalidArgumentError({
      parameter: `${parameter}.${name}`,
      value,
      message:
        name === 'fraction'
          ? 'expected a number in (0, 1]'
          : 'expected a non-negative integer',
    });
}

/** The trigger as a list of conditions; throws `InvalidArgumentError` on a malformed one. */
export function triggerConditions(
  trigger: ContextSize | readonly ContextSize[] | undefined,
): ContextSize[] {
  if (trigger === undefined) return [];
  const list = Array.isArray(trigger) ? trigger : [trigger as ContextSize];
  list.forEach((condition, index) => {
    const parameter = Array.isArray(trigger) ? `trigger[${index}]` : 'trigger';
    const given = FIELDS.filter(
      (name) => typeof condition === 'object' && condition?.[name] != null,
    );
    if (given.length === 0)
      throw new InvalidArgumentError({
        parameter,
        value: condition,
        message: 'expected at least one of tokens, fraction or messages',
      });
    for (const name of given) assertField(parameter, name, condition[name]);
  });
  return [...list];
}

/** Throws `InvalidArgumentError` unless `keep` names exactly one valid size. */
export function assertKeep(keep: KeepSize): void {
  const given = FIELDS.filter(
    (name) =>
      typeof keep === 'object' &&
      keep !== null &&
      (keep as ContextSize)[name] != null,
  );
  if (given.length !== 1)
    throw new InvalidArgumentError({
      parameter: 'keep',
      value: keep,
      message: 'expected exactly one of tokens, fraction or messages',
    });
  assertField('keep', given[0]!, (keep as ContextSize)[given[0]!]);
}

/**
 * The model's input window from its LangChain profile, or undefined when
 * it publishes none (then `fraction` cannot be used).
 */
export function maxInputTokens(model: unknown): number | undefined {
  const profile = (model as { profile?: { maxInputTokens?: unknown } } | null)
    ?.profile;
  const max = profile?.maxInputTokens;
  return typeof max === 'number' && max > 0 ? max : undefined;
}

function fractionTokens(
  fraction: number,
  max: number | undefined,
  parameter: string,
): number {
  if (max === undefined)
    throw new InvalidArgumentError({
      parameter,
      value: fraction,
      message:
        'the model has no profile.maxInputTokens, so a fraction of its window is unknown; use tokens instead',
    });
  return Math.floor(max * fraction);
}

/** True when no trigger is set or any condition is reached by `messageCount` messages of `tokens` tokens. */
export function isTriggered(
  conditions: readonly ContextSize[],
  {
    messageCount,
    tokens,
    max,
  }: { messageCount: number; tokens: number; max: number | undefined },
): boolean {
  if (conditions.length === 0) return true;
  return conditions.some(
    (condition) =>
      (condition.messages == null || messageCount >= condition.messages) &&
      (condition.tokens == null || tokens >= condition.tokens) &&
      (condition.fraction == null ||
        tokens >= fractionTokens(condition.fraction, max, 'trigger.fraction')),
  );
}

/**
 * How many of the newest tool results `keep` protects, given each result's
 * tokens, oldest first.
 */
export function keptCount(
  keep: KeepSize,
  resultTokens: readonly number[],
  max: number | undefined,
): number {
  if (keep.messages != null) return keep.messages;
  const budget =
    keep.tokens ?? fractionTokens(keep.fraction!, max, 'keep.fraction');
  let used = 0;
  let count = 0;
  for (let index = resultTokens.length - 1; index >= 0; index--) {
    used += resultTokens[index]!;
    if (used > budget) break;
    count++;
  }
  return count;
}
