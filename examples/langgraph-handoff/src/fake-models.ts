import {
  AIMessageChunk,
  type BaseMessage,
  type ToolCall,
} from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import {
  FakeListChatModel,
  FakeStreamingChatModel,
} from '@langchain/core/utils/testing';

/** LangChain's FakeListChatModel, keeping every message list it was called with. */
export class RecordingChatModel extends FakeListChatModel {
  readonly received: BaseMessage[][] = [];

  override async _generate(
    messages: BaseMessage[],
    options?: this['ParsedCallOptions'],
  ): Promise<ChatResult> {
    this.received.push(messages);
    return super._generate(messages, options);
  }
}

/** LangChain's fake streaming model, answering with one message that calls `toolCalls`. */
export function toolCallingModel(
  text: string,
  toolCalls: ToolCall[],
): FakeStreamingChatModel {
  return new FakeStreamingChatModel({
    responses: [new AIMessageChunk(text)],
    chunks: [new AIMessageChunk({ content: text, tool_calls: toolCalls })],
  });
}
