/**
 * A framework-neutral transcript: what every agent framework's history boils
 * down to. Each adapter writes two converters (to and from its own message
 * types) and runs the pairing-safety suite over them.
 */
export type TranscriptMessage =
  | SystemMessage
  | UserMessage
  | AssistantMessage
  | ToolResultMessage;

/** The system prompt (frameworks that keep it outside the messages still pass it here). */
export interface SystemMessage {
  role: 'system';
  content: string;
}

/** A user turn; compression must never change it. */
export interface UserMessage {
  role: 'user';
  content: string;
}

/** A model turn: text, tool calls, or both. */
export interface AssistantMessage {
  role: 'assistant';
  /** The text part; '' when the turn is only tool calls. */
  content: string;
  /** Calls in the order the model made them. */
  toolCalls: ToolCall[];
}

/** One tool call of an assistant turn. */
export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as JSON text. */
  arguments: string;
}

/** The result of one tool call, answered by id. */
export interface ToolResultMessage {
  role: 'tool';
  toolCallId: string;
  toolName: string;
  content: string;
}
