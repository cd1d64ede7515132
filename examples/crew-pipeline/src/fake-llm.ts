import type { BaseMessage } from '@langchain/core/messages';
import { FakeListChatModel } from '@langchain/core/utils/testing';

/**
 * Offline stand-in for an LLM: LangChain's FakeListChatModel (a KaibanJS
 * Agent takes any LangChain chat model as `llmInstance`), answering in
 * KaibanJS's `{"finalAnswer": ...}` format and keeping every message list
 * it was sent, so the example can show what each agent received.
 */
export class FakeLlm extends FakeListChatModel {
  readonly received: BaseMessage[][] = [];

  constructor(finalAnswer: string) {
    super({ responses: [JSON.stringify({ finalAnswer })] });
  }

  /** Every text this agent's model was sent. */
  receivedText(): string {
    return this.received
      .flat()
      .map((message) =>
        typeof message.content === 'string'
          ? message.content
          : JSON.stringify(message.content),
      )
      .join('\n');
  }

  override _generate(
    messages: BaseMessage[],
    ...rest: Parameters<FakeListChatModel['_generate']> extends [
      unknown,
      ...infer R,
    ]
      ? R
      : never
  ): ReturnType<FakeListChatModel['_generate']> {
    this.received.push(messages);
    return super._generate(messages, ...rest);
  }
}
