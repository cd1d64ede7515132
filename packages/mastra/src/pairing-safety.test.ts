import type { ProcessLLMRequestArgs } from '@mastra/core/processors';
import { SharedContext } from '@sharedcontext/core';
import {
  describePairingSafety,
  type TranscriptMessage,
} from '@sharedcontext-internal/test-utils';
import { sharedContextProcessor } from './shared-context-processor.ts';

type Prompt = ProcessLLMRequestArgs['prompt'];

/** Neutral transcript → the model prompt a Mastra processor sees. */
function toPrompt(messages: TranscriptMessage[]): Prompt {
  return messages.map((message): Prompt[number] => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
        return {
          role: 'user',
          content: [{ type: 'text', text: message.content }],
        };
      case 'assistant':
        return {
          role: 'assistant',
          content: [
            ...(message.content
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
      default:
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

/** The prompt → neutral transcript. */
function fromPrompt(prompt: Prompt): TranscriptMessage[] {
  return prompt.map((message): TranscriptMessage => {
    if (message.role === 'system')
      return { role: 'system', content: message.content };
    if (message.role === 'user')
      return {
        role: 'user',
        content: message.content
          .map((part) => (part.type === 'text' ? part.text : ''))
          .join(''),
      };
    if (message.role === 'assistant')
      return {
        role: 'assistant',
        content: message.content
          .map((part) => (part.type === 'text' ? part.text : ''))
          .join(''),
        toolCalls: message.content.flatMap((part) =>
          part.type === 'tool-call'
            ? [
                {
                  id: part.toolCallId,
                  name: part.toolName,
                  arguments: JSON.stringify(part.input),
                },
              ]
            : [],
        ),
      };
    const [part] = message.content;
    if (part?.type !== 'tool-result')
      throw new Error('expected one tool result');
    return {
      role: 'tool',
      toolCallId: part.toolCallId,
      toolName: part.toolName,
      content:
        part.output.type === 'text'
          ? part.output.value
          : JSON.stringify(part.output),
    };
  });
}

const ctx = new SharedContext();

describePairingSafety<Prompt>({
  name: 'mastra sharedContextProcessor',
  toFramework: toPrompt,
  fromFramework: fromPrompt,
  compress: async (prompt) => {
    const processor = sharedContextProcessor({ ctx });
    const result = await processor.processLLMRequest!({
      prompt,
    } as ProcessLLMRequestArgs);
    return result?.prompt ?? prompt;
  },
});
