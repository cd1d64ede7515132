import type { BaseMessage } from '@langchain/core/messages';
import { type CompressionEvent, SharedContext } from '@sharedcontext/core';
import {
  describePairingSafety,
  pairingTranscripts,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import {
  fromBaseMessages,
  toBaseMessages,
} from './__fixtures__/transcript-messages.ts';
import { compressMessages } from './compress-handoff.ts';
import { compressingMessagesReducer } from './handoff-reducer.ts';

const ctx = new SharedContext();
await ctx.ready();

describePairingSafety<BaseMessage[]>({
  name: 'langgraph compressingMessagesReducer',
  toFramework: toBaseMessages,
  fromFramework: fromBaseMessages,
  compress: (messages) => compressingMessagesReducer({ ctx })([], messages),
});

describePairingSafety<BaseMessage[]>({
  name: 'langgraph compressMessages',
  toFramework: toBaseMessages,
  fromFramework: fromBaseMessages,
  compress: (messages) =>
    compressMessages({ ctx, messages, query: 'failed', target: 'writer' }),
});

describe('savings events', () => {
  it('name the tool and the agent of each compressed message', async () => {
    const events: CompressionEvent[] = [];
    const eventsCtx = new SharedContext({
      onCompress: (event) => events.push(event),
    });
    await eventsCtx.ready();
    const [transcript] = pairingTranscripts(4);
    compressingMessagesReducer({ ctx: eventsCtx, agent: 'researcher' })(
      [],
      toBaseMessages(transcript!.messages),
    );
    expect(events.length).toBeGreaterThan(0);
    for (const event of events)
      expect(event).toMatchObject({ agent: 'researcher', tool: 'fetch_logs' });
  });
});
