import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';

type LanguageModelV3CallOptions = Parameters<
  MockLanguageModelV3['doGenerate']
>[0];
type LanguageModelV3GenerateResult = Awaited<
  ReturnType<MockLanguageModelV3['doGenerate']>
>;
type LanguageModelV3Content = LanguageModelV3GenerateResult['content'][number];

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

/** One scripted model turn: call a tool, or answer with text. */
export type Turn =
  | { tool: string; input: Record<string, unknown>; id?: string }
  | { text: string };

/**
 * The AI SDK's own MockLanguageModelV3 (`ai/test`), answering with the
 * scripted turns in order (the last repeats) and recording every prompt it
 * was sent, which is what the tests assert on. Streaming answers text turns
 * only.
 */
export function scriptedModel(turns: Turn[]): {
  model: MockLanguageModelV3;
  prompts: LanguageModelV3CallOptions['prompt'][];
} {
  const prompts: LanguageModelV3CallOptions['prompt'][] = [];
  const next = (options: LanguageModelV3CallOptions): Turn => {
    prompts.push(options.prompt);
    return turns[Math.min(prompts.length, turns.length) - 1]!;
  };
  const model = new MockLanguageModelV3({
    // Workflow agent steps stream; plain agent.generate() calls doGenerate.
    doStream: async (options) => {
      const turn = next(options);
      const text = 'text' in turn ? turn.text : '';
      return {
        stream: simulateReadableStream({
          chunks: [
            { type: 'stream-start', warnings: [] },
            { type: 'text-start', id: 't' },
            { type: 'text-delta', id: 't', delta: text },
            { type: 'text-end', id: 't' },
            {
              type: 'finish',
              finishReason: { unified: 'stop', raw: undefined },
              usage,
            },
          ],
        }),
      };
    },
    doGenerate: async (options): Promise<LanguageModelV3GenerateResult> => {
      next(options);
      const turn = turns[Math.min(prompts.length, turns.length) - 1]!;
      const content: LanguageModelV3Content[] =
        'tool' in turn
          ? [
              {
                type: 'tool-call',
                toolCallId: turn.id ?? `call-${prompts.length}`,
                toolName: turn.tool,
                input: JSON.stringify(turn.input),
              },
            ]
          : [{ type: 'text', text: turn.text }];
      return {
        content,
        finishReason: {
          unified: 'tool' in turn ? 'tool-calls' : 'stop',
          raw: undefined,
        },
        usage,
        warnings: [],
      };
    },
  });
  return { model, prompts };
}

/** Every text the model was shown in one prompt: message text and tool output. */
export function promptTexts(
  prompt: LanguageModelV3CallOptions['prompt'],
): string[] {
  const texts: string[] = [];
  for (const message of prompt) {
    if (typeof message.content === 'string') {
      texts.push(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text') texts.push(part.text);
      if (part.type === 'tool-result') {
        const { output } = part;
        if (output.type === 'text') texts.push(output.value);
        if (output.type === 'json') texts.push(JSON.stringify(output.value));
      }
    }
  }
  return texts;
}
