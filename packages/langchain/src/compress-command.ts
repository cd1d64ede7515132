import { ToolMessage } from 'langchain';
import {
  compressToolMessage,
  type ToolMessageCompressionOptions,
} from './compress-tool-message.ts';

/** The part of LangGraph's `Command` this file reads; `langchain` does not export the class. */
interface CommandLike {
  lg_name: 'Command';
  update?: unknown;
}

function isCommand(value: unknown): value is CommandLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { lg_name?: unknown }).lg_name === 'Command'
  );
}

/**
 * A tool may answer with a `Command` whose `update.messages` carries its
 * `ToolMessage`. This compresses that message, the one answering
 * `toolCallId`, and nothing else the update carries (a handoff forwarding
 * history is not the tool's result). The result is a copy of the command
 * with the same prototype, so LangGraph still treats it as a `Command`;
 * the command itself when nothing got smaller.
 */
export async function compressCommandResult<T>(
  result: T,
  toolCallId: string | undefined,
  options: ToolMessageCompressionOptions,
): Promise<T> {
  if (!isCommand(result)) return result;
  const update = result.update as { messages?: unknown } | undefined;
  if (!update || !Array.isArray(update.messages)) return result;
  let changed = false;
  const messages = await Promise.all(
    update.messages.map(async (message: unknown) => {
      if (
        !ToolMessage.isInstance(message) ||
        message.tool_call_id !== toolCallId
      )
        return message;
      const compressed = await compressToolMessage(message, options);
      if (compressed !== message) changed = true;
      return compressed;
    }),
  );
  if (!changed) return result;
  return Object.assign(Object.create(Object.getPrototypeOf(result)), result, {
    update: { ...update, messages },
  }) as T;
}
