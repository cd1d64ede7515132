import { MockLanguageModelV4 } from 'ai/test';

/** What the model is sent: system, user, assistant and tool messages with parts. */
export type Prompt = Parameters<MockLanguageModelV4['doGenerate']>[0]['prompt'];

/** One scripted step: text, or tool calls (input as an object). */
export type Turn =
  | { text: string }
  | { calls: { id: string; name: string; input?: Record<string, unknown> }[] };

/** A step fixed in advance, or built from the prompt the model received. */
export type Step = Turn | ((prompt: Prompt) => Turn);

/** The SDK's mock language model class of the major under test (V4 in ai 7, V3 in ai 6). */
export type MockModelClass = new (options: {
  doGenerate: (options: { prompt: Prompt }) => Promise<unknown>;
  doStream: (options: { prompt: Prompt }) => Promise<unknown>;
}) => unknown;

const usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

function content(turn: Turn) {
  return 'text' in turn
    ? [{ type: 'text' as const, text: turn.text }]
    : turn.calls.map(({ id, name, input = {} }) => ({
        type: 'tool-call' as const,
        toolCallId: id,
        toolName: name,
        input: JSON.stringify(input),
      }));
}

const finish = (turn: Turn) => ({
  unified: 'text' in turn ? ('stop' as const) : ('tool-calls' as const),
  raw: undefined,
});

/**
 * The SDK's own mock model (`ai/test`) answering a script, for
 * `generateText` (doGenerate) and `streamText` (doStream), and recording
 * every prompt it was sent.
 */
export function scriptedModel<MODEL>(
  script: Step[],
  Mock: MockModelClass = MockLanguageModelV4 as unknown as MockModelClass,
): { model: MODEL; prompts: Prompt[] } {
  const prompts: Prompt[] = [];
  const next = (prompt: Prompt): Turn => {
    prompts.push(prompt);
    const step = script[prompts.length - 1] ?? { text: 'Nothing more.' };
    return typeof step === 'function' ? step(prompt) : step;
  };
  const model = new Mock({
    doGenerate: async ({ prompt }) => {
      const turn = next(prompt);
      return { content: content(turn), finishReason: finish(turn), usage, warnings: [] };
    },
    doStream: async ({ prompt }) => {
      const turn = next(prompt);
      const parts = [
        { type: 'stream-start', warnings: [] },
        ...('text' in turn
          ? [
              { type: 'text-start', id: 't' },
              { type: 'text-delta', id: 't', delta: turn.text },
              { type: 'text-end', id: 't' },
            ]
          : content(turn)),
        { type: 'finish', finishReason: finish(turn), usage },
      ];
      return {
        stream: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  });
  return { model: model as MODEL, prompts };
}

/** The tool-result parts of a prompt, in order. */
export function promptToolResults(prompt: Prompt) {
  return prompt.flatMap((message) =>
    message.role === 'tool'
      ? message.content.flatMap((part) =>
          part.type === 'tool-result' ? [part] : [],
        )
      : [],
  );
}

/** The text the model read for a tool result. */
export function outputText(output: { type: string; value?: unknown }): string {
  return output.type === 'text' ? String(output.value) : JSON.stringify(output.value);
}
