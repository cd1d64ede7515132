import type { BaseMessage } from '@langchain/core/messages';
import { FakeListChatModel } from '@langchain/core/utils/testing';

/**
 * LangChain's own FakeListChatModel (the LLM a KaibanJS Agent accepts as
 * `llmInstance`), answering in KaibanJS's ReAct format and recording every
 * message list it was sent: what the agent actually received.
 */
export class RecordingChatModel extends FakeListChatModel {
  readonly calls: BaseMessage[][] = [];

  constructor(finalAnswers: string[]) {
    super({
      responses: finalAnswers.map((answer) =>
        JSON.stringify({ finalAnswer: answer }),
      ),
    });
  }

  /** Every text the model was sent, joined. */
  receivedText(): string {
    return this.calls
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
    this.calls.push(messages);
    return super._generate(messages, ...rest);
  }
}
