import type { TranscriptMessage } from '@sharedcontext-internal/test-utils';
import type { ModelMessage } from 'ai';

/** Neutral transcript → the SDK's model messages (calls are assistant parts, results tool parts). */
export function toModelMessages(messages: TranscriptMessage[]): ModelMessage[] {
  return messages.map((message): ModelMessage => {
    switch (message.role) {
      case 'system':
      case 'user':
        return { role: message.role, content: message.content };
      case 'assistant':
        return {
          role: 'assistant',
          content: [
            ...(message.content !== '' || message.toolCalls.length === 0
              ? [{ type: 'text' as const, text: message.content }]
              : []),
            ...message.toolCalls.map((call) => ({
              type: 'tool-call' as const,
              toolCallId: call.id,
              toolName: call.name,
              input: JSON.parse(call.arguments) as unknown,
            })),
          ],
        };
      case 'tool':
        return {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: message.toolCallId,
              toolName: message.toolName,
              output: { type: 'text', value: message.content },
            },
          ],
        };
    }
  });
}

/** The SDK's model messages → the neutral transcript; inverts {@link toModelMessages}. */
export function fromModelMessages(messages: ModelMessage[]): TranscriptMessage[] {
  return messages.map((message): TranscriptMessage => {
    if (message.role === 'system') return { role: 'system', content: message.content };
    if (message.role === 'user')
      return { role: 'user', content: typeof message.content === 'string' ? message.content : '' };
    if (message.role === 'tool') {
      const part = message.content[0]!;
      if (part.type !== 'tool-result') throw new Error('expected a tool result');
      const { output } = part;
      return {
        role: 'tool',
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        content: output.type === 'text' ? output.value : JSON.stringify(output),
      };
    }
    const parts = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
    return {
      role: 'assistant',
      content: parts.map((part) => (part.type === 'text' ? part.text : '')).join(''),
      toolCalls: parts.flatMap((part) =>
        part.type === 'tool-call'
          ? [{ id: part.toolCallId, name: part.toolName, arguments: JSON.stringify(part.input) }]
          : [],
      ),
    };
  });
}
