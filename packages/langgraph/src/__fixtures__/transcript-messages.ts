import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import type { TranscriptMessage } from '@sharedcontext-internal/test-utils';

/** Neutral transcript → LangChain messages (AI messages get ids, as models give them). */
export function toBaseMessages(messages: TranscriptMessage[]): BaseMessage[] {
  return messages.map((message, index) => {
    switch (message.role) {
      case 'system':
        return new SystemMessage(message.content);
      case 'user':
        return new HumanMessage(message.content);
      case 'assistant':
        return new AIMessage({
          id: `ai_${index}`,
          content: message.content,
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
          tool_call_id: message.toolCallId,
          name: message.toolName,
        });
    }
  });
}

const text = (message: BaseMessage): string =>
  typeof message.content === 'string'
    ? message.content
    : message.content
        .map((block) => ('text' in block ? String(block.text) : ''))
        .join('');

/** LangChain messages → neutral transcript. */
export function fromBaseMessages(messages: BaseMessage[]): TranscriptMessage[] {
  return messages.map((message): TranscriptMessage => {
    if (ToolMessage.isInstance(message))
      return {
        role: 'tool',
        toolCallId: message.tool_call_id,
        toolName: message.name ?? '',
        content: text(message),
      };
    if (AIMessage.isInstance(message))
      return {
        role: 'assistant',
        content: text(message),
        toolCalls: (message.tool_calls ?? []).map((call) => ({
          id: call.id ?? '',
          name: call.name,
          arguments: JSON.stringify(call.args),
        })),
      };
    if (SystemMessage.isInstance(message))
      return { role: 'system', content: text(message) };
    return { role: 'user', content: text(message) };
  });
}
