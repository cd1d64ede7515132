import { SharedContext } from '@sharedcontext/core';
import { describePairingSafety } from '@sharedcontext-internal/test-utils';
import type { ModelMessage } from 'ai';
import {
  fromModelMessages,
  toModelMessages,
} from './__fixtures__/transcript-messages.ts';
import { compressToolResults } from './compress-tool-results.ts';
import { compressToolOutput } from './tool-output.ts';

const ctx = new SharedContext({ model: 'gpt-4o' });
await ctx.ready();

// sharedContextPrepareStep's view: every result older than `keep` compressed.
describePairingSafety<ModelMessage[]>({
  name: 'ai-sdk compressToolResults (prepareStep)',
  toFramework: toModelMessages,
  fromFramework: fromModelMessages,
  compress: (messages) =>
    compressToolResults(messages, { ctx, keep: { messages: 0 } }),
});

// compressedTool's toModelOutput applied to each result as it arrived.
describePairingSafety<ModelMessage[]>({
  name: 'ai-sdk compressToolOutput (compressedTool)',
  toFramework: toModelMessages,
  fromFramework: fromModelMessages,
  compress: (messages) =>
    Promise.all(
      messages.map(async (message): Promise<ModelMessage> => {
        if (message.role !== 'tool') return message;
        const content = await Promise.all(
          message.content.map(async (part) =>
            part.type === 'tool-result'
              ? {
                  ...part,
                  output: await compressToolOutput(
                    part.output,
                    part.toolCallId,
                    { ctx },
                  ),
                }
              : part,
          ),
        );
        return { ...message, content };
      }),
    ),
});
