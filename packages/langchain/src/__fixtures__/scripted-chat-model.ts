import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { AIMessage } from 'langchain';

/** One scripted turn: a fixed reply, or one built from what the model received. */
export type Turn = AIMessage | ((received: BaseMessage[]) => AIMessage);

/**
 * LangChain's FakeListChatModel driven by a script of AI messages (tool
 * calls included), recording every message list it receives. `bindTools`
 * returns the model itself, as createAgent needs a tool-calling model.
 */
export class ScriptedChatModel extends FakeListChatModel {
  readonly received: BaseMessage[][] = [];
  readonly boundTools: string[][] = [];
  readonly #script: Turn[];

  constructor(script: Turn[], profile?: { maxInputTokens: number }) {
    super({ responses: [''] });
    this.#script = script;
    // `profile` is a getter on BaseLanguageModel: shadow it with an own property.
    if (profile) Object.defineProperty(this, 'profile', { value: profile });
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.received.push(messages);
    const turn =
      this.#script[this.received.length - 1] ??
      new AIMessage('Nothing more to do.');
    const message = typeof turn === 'function' ? turn(messages) : turn;
    return {
      generations: [
        {
          message,
          text: typeof message.content === 'string' ? message.content : '',
        },
      ],
    };
  }

  // biome-ignore lint/suspicious/noExplicitAny: matches FakeListChatModel's signature
  override bindTools(tools: { name: string }[]): any {
    this.boundTools.push(tools.map((tool) => tool.name));
    return this;
  }
}

/** An AI turn that calls `name` once per id with empty arguments. */
export function callTools(
  ...calls: { id: string; name: string; args?: Record<string, unknown> }[]
): AIMessage {
  return new AIMessage({
    content: '',
    tool_calls: calls.map(({ id, name, args = {} }) => ({
      id,
      name,
      args,
      type: 'tool_call' as const,
    })),
  });
}
