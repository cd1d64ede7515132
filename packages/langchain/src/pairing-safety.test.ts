import { SharedContext } from '@sharedcontext/core';
import { describePairingSafety } from '@sharedcontext-internal/test-utils';
import { type BaseMessage, ToolMessage } from 'langchain';
import {
  fromMessages,
  toMessages,
} from './__fixtures__/transcript-messages.ts';
import { compressToolMessage } from './compress-tool-message.ts';
import { compressToolResults } from './compress-tool-results.ts';

const ctx = new SharedContext({ model: 'gpt-4o' });
await ctx.ready();

// wrapModelCall's view: every result older than `keep` compressed.
describePairingSafety<BaseMessage[]>({
  name: 'langchain compressToolResults (wrapModelCall)',
  toFramework: toMessages,
  fromFramework: fromMessages,
  compress: (messages) =>
    compressToolResults(messages, { ctx, keep: { messages: 0 } }),
});

// wrapToolCall's effect on a history: each tool message as it returned.
describePairingSafety<BaseMessage[]>({
  name: 'langchain compressToolMessage (wrapToolCall)',
  toFramework: toMessages,
  fromFramework: fromMessages,
  compress: (messages) =>
    Promise.all(
      messages.map((message) =>
        ToolMessage.isInstance(message)
          ? compressToolMessage(message, { ctx })
          : message,
      ),
    ),
});
