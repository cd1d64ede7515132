import { type AIMessage, AIMessageChunk, type BaseMessage, type ToolCall } from '@langchain/core/messages';
import { FakeListChatModel, FakeStreamingChatModel } from '@langchain/core/utils/testing';
import type { ChatResult } from '@langchain/core/outputs';

/** A FakeListChatModel that keeps every message list it was called with. */
export class RecordingChatModel extends FakeListChatModel {
  readonly received: BaseMessage[][] = [];

  override async _generate(messages: BaseMessage[], options?: this['ParsedCallOptions']): Promise<ChatResult> {
    this.received.push(messages);
    return super._generate(messages, options);
  }
}

/** A fake model that answers with one AI message calling `toolCalls`. */
export function toolCallingModel(text: string, toolCalls: ToolCall[]): FakeStreamingChatModel {
  return new FakeStreamingChatModel({ responses: [new AIMessageChunk(text)], chunks: [new AIMessageChunk({ content: text, tool_calls: toolCalls })] });
}

/**
 * A fake model that answers with the scripted messages in order (tool calls
 * included) and records what it received. `bindTools` returns itself, so
 * `createReactAgent` can drive it.
 */
export class ScriptedChatModel extends FakeListChatModel {
  readonly received: BaseMessage[][] = [];
  readonly #script: AIMessage[];

  constructor(script: AIMessage[]) {
    super({ responses: [''] });
    this.#script = script;
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.received.push(messages);
    const message = this.#script[this.received.length - 1] ?? this.#script[this.#script.length - 1]!;
    return { generations: [{ message, text: typeof message.content === 'string' ? message.content : '' }] };
  }

  // biome-ignore lint/suspicious/noExplicitAny: matches FakeListChatModel's signature
  override bindTools(): any {
    return this;
  }
}
