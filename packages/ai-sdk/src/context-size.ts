import { InvalidArgumentError } from '@sharedcontext/core';

/**
 * When history gets compressed, in LangChain's `{ tokens | messages }`
 * vocabulary: every field given must be reached; a list triggers when any
 * one of its sizes does. (The SDK's models publish no input window, so
 * there is no `fraction`.)
 */
export interface HistorySize {
  tokens?: number;
  messages?: number;
}

/** The newest tool results left whole: exactly one of `messages` (that many) or `tokens` (the newest that fit). */
export type KeepSize =
  | { messages: number; tokens?: never }
  | { tokens: number; messages?: never };

function assertCount(parameter: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) < 0)
    throw new InvalidArgumentError({
      parameter,
      value,
      message: 'expected a non-negative integer',
    });
}

/** The trigger as a list of conditions; throws `InvalidArgumentError` on a malformed one. */
export function triggerConditions(
  trigger: HistorySize | readonly HistorySize[] | undefined,
): HistorySize[] {
  if (trigger === undefined) return [];
  const list = Array.isArray(trigger) ? trigger : [trigger as HistorySize];
  list.forEach((condition, index) => {
    const parameter = Array.isArray(trigger) ? `trigger[${index}]` : 'trigger';
    if (
      typeof condition !== 'object' ||
      condition === null ||
      (condition.tokens == null && condition.messages == null)
    )
      throw new InvalidArgumentError({
        parameter,
        value: condition,
        message: 'expected at least one of tokens or messages',
      });
    if (condition.tokens != null)
      assertCount(`${parameter}.tokens`, condition.tokens);
    if (condition.messages != null)
      assertCount(`${parameter}.messages`, condition.messages);
  });
  return [...list];
}

/** Throws `InvalidArgumentError` unless `keep` names exactly one valid size. */
export function assertKeep(keep: KeepSize): void {
  const given =
    typeof keep === 'object' && keep !== null
      ? (['messages', 'tokens'] as const).filter((name) => keep[name] != null)
      : [];
  if (given.length !== 1)
    throw new InvalidArgumentError({
      parameter: 'keep',
      value: keep,
      message: 'expected exactly one of messages or tokens',
    });
  assertCount(`keep.${given[0]}`, keep[given[0]!]);
}

/** True when there is no condition or any is reached. */
export function isTriggered(
  conditions: readonly HistorySize[],
  messageCount: number,
  tokens: () => number,
): boolean {
  return (
    conditions.length === 0 ||
    conditions.some(
      (condition) =>
        (condition.messages == null || messageCount >= condition.messages) &&
        (condition.tokens == null || tokens() >= condition.tokens),
    )
  );
}

/** How many of the newest results `keep` protects, given each result's tokens, oldest first. */
export function keptCount(
  keep: KeepSize,
  resultTokens: () => readonly number[],
): number {
  if (keep.messages != null) return keep.messages;
  const sizes = resultTokens();
  let used = 0;
  let count = 0;
  for (let index = sizes.length - 1; index >= 0; index--) {
    used += sizes[index]!;
    if (used > keep.tokens) break;
    count++;
  }
  return count;
}
