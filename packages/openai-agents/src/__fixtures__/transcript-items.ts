import type { AgentInputItem } from '@openai/agents';
import type { TranscriptMessage } from '@sharedcontext-internal/test-utils';

/** Neutral transcript → the SDK's input items (calls and results are items of their own). */
export function toInputItems(messages: TranscriptMessage[]): AgentInputItem[] {
  return messages.flatMap((message): AgentInputItem[] => {
    switch (message.role) {
      case 'system':
      case 'user':
        return [{ type: 'message', role: message.role, content: message.content }];
      case 'tool':
        return [
          {
            type: 'function_call_result',
            callId: message.toolCallId,
            name: message.toolName,
            status: 'completed',
            output: { type: 'text', text: message.content },
          },
        ];
      case 'assistant':
        return [
          ...(message.content || message.toolCalls.length === 0
            ? [
                {
                  type: 'message' as const,
                  role: 'assistant' as const,
                  status: 'completed' as const,
                  content: [{ type: 'output_text' as const, text: message.content }],
                },
              ]
            : []),
          ...message.toolCalls.map(
            (call): AgentInputItem => ({
              type: 'function_call',
              callId: call.id,
              name: call.name,
              arguments: call.arguments,
              status: 'completed',
            }),
          ),
        ];
    }
  });
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((part: { text?: string }) => part.text ?? '').join('');
  const part = content as { type?: string; text?: string };
  return part.type === 'text' ? (part.text ?? '') : '';
}

/** The SDK's input items → neutral transcript; function calls join the assistant turn before them. */
export function fromInputItems(items: AgentInputItem[]): TranscriptMessage[] {
  const messages: TranscriptMessage[] = [];
  let previous: AgentInputItem | undefined;
  for (const item of items) {
    if (item.type === 'function_call') {
      const last = messages.at(-1);
      const joins =
        last?.role === 'assistant' &&
        (previous?.type === 'function_call' ||
          (previous && 'role' in previous && previous.role === 'assistant'));
      const call = { id: item.callId, name: item.name, arguments: item.arguments };
      if (joins && last.role === 'assistant') last.toolCalls.push(call);
      else messages.push({ role: 'assistant', content: '', toolCalls: [call] });
    } else if (item.type === 'function_call_result') {
      messages.push({
        role: 'tool',
        toolCallId: item.callId,
        toolName: item.name,
        content: textOf(item.output),
      });
    } else if ('role' in item) {
      messages.push(
        item.role === 'assistant'
          ? { role: 'assistant', content: textOf(item.content), toolCalls: [] }
          : { role: item.role, content: textOf(item.content) },
      );
    } else throw new Error(`unexpected item ${item.type}`);
    previous = item;
  }
  return messages;
}
