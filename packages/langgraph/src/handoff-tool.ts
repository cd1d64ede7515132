import { type BaseMessage, ToolMessage } from '@langchain/core/messages';
import { type DynamicStructuredTool, tool } from '@langchain/core/tools';
import { Command, getCurrentTaskInput } from '@langchain/langgraph';
import { InvalidArgumentError } from '@sharedcontext/core';
import { z } from 'zod';
import { compressHandoff } from './compress-handoff.ts';
import {
  assertContext,
  type MessageCompressionOptions,
} from './compress-message.ts';

/** Options of {@link compressingHandoffTool}. */
export interface CompressingHandoffToolOptions
  extends MessageCompressionOptions {
  /** The agent (node of the parent graph) to hand off to. */
  agentName: string;
  /** The agent calling the tool, credited in stats. */
  fromAgent?: string;
  /** Shown to the model. @default `Hand off to <agentName>; describe its task in \`task\`.` */
  description?: string;
}

const HANDOFF_SCHEMA: z.ZodObject<{ task: z.ZodString }> = z.object({
  task: z
    .string()
    .describe(
      'What the next agent must do; the handed-off history is compressed to keep what matters for it.',
    ),
});

/**
 * A handoff tool like `@langchain/langgraph-swarm`'s `createHandoffTool`
 * (`transfer_to_<agent>`, `Command.PARENT`, sets `activeAgent`), whose one
 * argument, `task`, is the query the handed-off history is compressed for.
 * Works in `createSwarm` agents and in any parent graph whose state has
 * `messages`.
 *
 * @example
 * const researcher = createReactAgent({
 *   llm,
 *   name: 'researcher',
 *   tools: [
 *     searchLogs,
 *     compressingHandoffTool({
 *       ctx,
 *       agentName: 'analyst',
 *       fromAgent: 'researcher',
 *     }),
 *   ],
 * });
 */
export function compressingHandoffTool(
  options: CompressingHandoffToolOptions,
): DynamicStructuredTool<
  typeof HANDOFF_SCHEMA,
  { task: string },
  { task: string },
  Command
> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  const { agentName, fromAgent, description, ...compression } = options;
  assertContext(compression.ctx, 'compressingHandoffTool');
  if (typeof agentName !== 'string' || agentName.length === 0) {
    throw new InvalidArgumentError({
      parameter: 'agentName',
      value: agentName,
      message: 'expected the name of the agent to hand off to',
    });
  }
  const name = `transfer_to_${agentName.trim().replace(/\s+/g, '_').toLowerCase()}`;
  return tool(
    async ({ task }, config) => {
      const state = getCurrentTaskInput<{ messages: BaseMessage[] }>(config);
      const toolMessage = new ToolMessage({
        content: `Successfully transferred to ${agentName}`,
        name,
        tool_call_id: config.toolCall?.id ?? name,
      });
      return compressHandoff({
        ...compression,
        goto: agentName,
        graph: Command.PARENT,
        query: task,
        ...(fromAgent ? { agent: fromAgent } : {}),
        messages: [...state.messages, toolMessage],
        update: { activeAgent: agentName },
      });
    },
    {
      name,
      description:
        description ??
        `Hand off to ${agentName}; describe its task in \`task\`.`,
      schema: HANDOFF_SCHEMA,
    },
  );
}
