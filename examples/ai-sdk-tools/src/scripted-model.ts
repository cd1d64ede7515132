import { MockLanguageModelV4 } from 'ai/test';

/** What the model is sent. */
export type Prompt = Parameters<MockLanguageModelV4['doGenerate']>[0]['prompt'];

/** One step: text, or tool calls. */
export type Turn =
  | { text: string }
  | { calls: { id: string; name: string; input?: Record<string, unknown> }[] };

const usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/**
 * The SDK's mock language model (`ai/test`) answering a script, for
 * `generateText` and `streamText`, keeping every prompt it was sent: the
 * offline stand-in for a real model.
 */
export function scriptedModel(script: ((prompt: Prompt) => Turn)[]): {
  model: MockLanguageModelV4;
  prompts: Prompt[];
} {
  const prompts: Prompt[] = [];
  const next = (prompt: Prompt) => {
    prompts.push(prompt);
    const turn = script[prompts.length - 1]?.(prompt) ?? { text: 'Done.' };
    const content =
      'text' in turn
        ? [{ type: 'text' as const, text: turn.text }]
        : turn.calls.map(({ id, name, input = {} }) => ({
            type: 'tool-call' as const,
            toolCallId: id,
            toolName: name,
            input: JSON.stringify(input),
          }));
    const finishReason = {
      unified: 'text' in turn ? ('stop' as const) : ('tool-calls' as const),
      raw: undefined,
    };
    return { turn, content, finishReason };
  };
  const model = new MockLanguageModelV4({
    doGenerate: async ({ prompt }) => {
      const { content, finishReason } = next(prompt);
      return { content, finishReason, usage, warnings: [] };
    },
    doStream: async ({ prompt }) => {
      const { turn, content, finishReason } = next(prompt);
      const parts = [
        { type: 'stream-start' as const, warnings: [] },
        ...('text' in turn
          ? [
              { type: 'text-start' as const, id: 't' },
              { type: 'text-delta' as const, id: 't', delta: turn.text },
              { type: 'text-end' as const, id: 't' },
            ]
          : content),
        { type: 'finish' as const, finishReason, usage },
      ];
      return {
        stream: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(part as never);
            controller.close();
          },
        }),
      };
    },
  });
  return { model, prompts };
}

/** The text of every part of a prompt: what the model reads. */
export function promptTexts(prompt: Prompt): string[] {
  return prompt.flatMap((message): string[] => {
    if (typeof message.content === 'string') return [message.content];
    return message.content.map((part) => {
      if (part.type === 'text') return part.text;
      if (part.type === 'tool-call') return JSON.stringify(part.input);
      if (part.type === 'tool-result')
        return part.output.type === 'text'
          ? part.output.value
          : JSON.stringify('value' in part.output ? part.output.value : '');
      return '';
    });
  });
}
