import type { TranscriptMessage } from '@sharedcontext-internal/test-utils';
import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from 'langchain';

/** Neutral transcript → LangChain messages (calls ride on the AI message). */
export function toMessages(messages: TranscriptMessage[]): BaseMessage[] {
  return messages.map((message, index) => {
    const id = `m${index}`;
    switch (message.role) {
      case 'system':
        return new SystemMessage({ content: message.content, id });
      case 'user':
        return new HumanMessage({ content: message.content, id });
      case 'assistant':
        return new AIMessage({
          content: message.content,
          id,
          tool_calls: message.toolCalls.map((call) => ({
            id: call.id,
            name: call.name,
            args: JSON.parse(call.arguments) as Record<string, unknown>,
            type: 'tool_call' as const,
          })),
        });
      case 'tool':
        return new ToolMessage({
          content: message.content,
          id,
          tool_call_id: message.toolCallId,
          name: message.toolName,
        });
    }
  });
}

const textOf = (message: BaseMessage): string =>
  typeof message.content === 'string'
    ? message.content
    : message.content
        .map((block) => ('text' in block ? String(block.text) : ''))
        .join('');

/** LangChain messages → the neutral transcript; inverts {@link toMessages}. */
export function fromMessages(messages: BaseMessage[]): TranscriptMessage[] {
  return messages.map((message): TranscriptMessage => {
    if (SystemMessage.isInstance(message))
      return { role: 'system', content: textOf(message) };
    if (HumanMessage.isInstance(message))
      return { role: 'user', content: textOf(message) };
    if (ToolMessage.isInstance(message))
      return {
        role: 'tool',
        toolCallId: message.tool_call_id,
        toolName: message.name ?? '',
        content: textOf(message),
      };
    const ai = message as AIMessage;
    return {
      role: 'assistant',
      content: textOf(ai),
      toolCalls: (ai.tool_calls ?? []).map((call) => ({
        id: call.id ?? '',
        name: call.name,
        arguments: JSON.stringify(call.args),
      })),
    };
  });
}
