import type { TranscriptMessage } from './transcript.ts';

/** What an adapter promises to keep; the stricter default fits history compressors. */
export interface PairingExpectations {
  /**
   * Every message stays, in place, with its role and ids: only the text of
   * tool results and assistant turns may change. False for adapters that
   * fold earlier turns into one message (a nested handoff history); those
   * must still keep the system message first, every user turn verbatim
   * (alone or inside the folded text), and the ids they keep paired and in
   * order.
   * @default true
   */
  keepsEveryMessage?: boolean;
  /**
   * Every transcript with a large tool result comes back smaller. False for
   * adapters that only compress some results (older turns, chosen tools);
   * their own tests pin which.
   * @default true
   */
  shrinksLargeResults?: boolean;
}

/**
 * Every way `after` breaks tool-call pairing relative to `before`, in words
 * (empty when it is safe). Pure, so the suite and its own tests share it.
 */
export function pairingViolations(
  before: readonly TranscriptMessage[],
  after: readonly TranscriptMessage[],
  { keepsEveryMessage = true }: PairingExpectations = {},
): string[] {
  const violations: string[] = [];
  violations.push(...orphans(after));
  after.forEach((message, index) => {
    const empty =
      message.content.trim() === '' &&
      !(message.role === 'assistant' && message.toolCalls.length > 0);
    if (empty) violations.push(`message ${index} (${message.role}) is empty`);
  });
  const system = before.find((message) => message.role === 'system');
  if (system) {
    if (after[0]?.role !== 'system' || after[0].content !== system.content)
      violations.push('the system message is not first and unchanged');
    if (after.slice(1).some((message) => message.role === 'system'))
      violations.push('a second system message appeared');
  }
  const idsBefore = idSequence(before);
  const idsAfter = idSequence(after);
  const usersBefore = before.filter((message) => message.role === 'user');
  if (keepsEveryMessage) {
    if (after.length !== before.length)
      violations.push(
        `message count changed: ${before.length} -> ${after.length}`,
      );
    const rolesBefore = before.map((message) => message.role).join(',');
    const rolesAfter = after.map((message) => message.role).join(',');
    if (rolesBefore !== rolesAfter)
      violations.push(`roles changed: ${rolesBefore} -> ${rolesAfter}`);
    if (idsBefore.join(',') !== idsAfter.join(','))
      violations.push(
        `tool ids or their order changed: ${idsBefore.join(',')} -> ${idsAfter.join(',')}`,
      );
    const usersAfter = after.filter((message) => message.role === 'user');
    usersBefore.forEach((user, index) => {
      if (usersAfter[index]?.content !== user.content)
        violations.push(`user message ${index} changed`);
    });
  } else {
    if (!isSubsequence(idsAfter, idsBefore))
      violations.push(
        `kept tool ids are not in their original order: ${idsAfter.join(',')}`,
      );
    // Folded or not, every user turn is still there, word for word.
    usersBefore.forEach((user, index) => {
      if (!after.some((message) => message.content.includes(user.content)))
        violations.push(`user message ${index} is no longer there verbatim`);
    });
  }
  return violations;
}

function orphans(messages: readonly TranscriptMessage[]): string[] {
  const violations: string[] = [];
  const open = new Map<string, number>();
  const answered = new Set<string>();
  messages.forEach((message, index) => {
    if (message.role === 'assistant') {
      for (const call of message.toolCalls) {
        if (open.has(call.id) || answered.has(call.id))
          violations.push(`tool call ${call.id} appears twice`);
        open.set(call.id, index);
      }
    } else if (message.role === 'tool') {
      if (!open.has(message.toolCallId)) {
        violations.push(
          answered.has(message.toolCallId)
            ? `tool result ${message.toolCallId} appears twice`
            : `tool result ${message.toolCallId} at ${index} has no earlier call`,
        );
      } else {
        open.delete(message.toolCallId);
        answered.add(message.toolCallId);
      }
    } else if (open.size > 0) {
      // A user or system turn between a call and its result splits the pair
      // for every provider that validates tool-call sequences.
      violations.push(
        `${message.role} message at ${index} splits tool calls ${[...open.keys()].join(',')} from their results`,
      );
      open.clear();
    }
  });
  for (const id of open.keys())
    violations.push(`tool call ${id} has no result`);
  return violations;
}

function idSequence(messages: readonly TranscriptMessage[]): string[] {
  return messages.flatMap((message) => {
    if (message.role === 'assistant')
      return message.toolCalls.map((call) => `call:${call.id}`);
    if (message.role === 'tool') return [`result:${message.toolCallId}`];
    return [];
  });
}

function isSubsequence(
  part: readonly string[],
  whole: readonly string[],
): boolean {
  let at = 0;
  for (const item of whole) if (item === part[at]) at++;
  return at === part.length;
}
