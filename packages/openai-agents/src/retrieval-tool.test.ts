import type { AgentInputItem } from '@openai/agents';
import {
  assistantMessage,
  functionCall,
  modelResponder,
} from '@openai/agents/testing';
import {
  parseMarkers,
  RETRIEVAL_TOOL_NAME,
  RETRIEVAL_TOOL_PARAMETERS,
  SharedContext,
} from '@sharedcontext/core';
import {
  lineDropCompressor,
  sampleJsonRecords,
  sampleServiceLog,
  storeTestText,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { outputText, runHandoff } from './__fixtures__/handoff-scenario.ts';
import { compressHandoffInput } from './handoff-input-filter.ts';
import { createRetrievalTool, retrieveTool } from './retrieval-tool.ts';

function firstMarker(items: readonly AgentInputItem[]): string {
  const text = JSON.stringify(items);
  const match = /\[… [^\]]*? · sc:[^\s#\]…]+#[0-9a-z]+ …\]/u.exec(text);
  if (!match) throw new Error('no marker in the input');
  return match[0];
}

function retrieved(items: readonly AgentInputItem[], callId: string): string {
  const item = items.find(
    (candidate) =>
      candidate.type === 'function_call_result' && candidate.callId === callId,
  );
  if (!item) throw new Error(`no result for ${callId}`);
  return outputText(item);
}

describe('createRetrievalTool', () => {
  const logs = storeTestText('datanode', 80);

  it('gives the receiving agent the dropped span and the whole original back byte for byte', async () => {
    const context = new SharedContext({
      model: 'gpt-4o',
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const filter = compressHandoffInput({ ctx: context, minChars: 200 });
    await filter.ready();
    let marker = '';
    const { result, specialistInput } = await runHandoff({
      toolOutputs: { fetch_logs: logs },
      inputFilter: filter,
      specialistTools: [createRetrievalTool({ ctx: context })],
      specialistSteps: [
        modelResponder((call) => {
          marker = firstMarker(call.request.input as AgentInputItem[]);
          const key = parseMarkers(marker)[0]!.key;
          return [
            functionCall(
              'sharedcontext_retrieve',
              { marker, key: null, query: null },
              { callId: 'by_marker' },
            ),
            functionCall(
              'sharedcontext_retrieve',
              { marker: null, key, query: null },
              { callId: 'by_key' },
            ),
            functionCall(
              'sharedcontext_retrieve',
              { marker: null, key, query: 'datanode #41' },
              { callId: 'by_query' },
            ),
          ];
        }),
        [assistantMessage('done')],
      ],
    });

    expect(result.finalOutput).toBe('done');
    const lines = logs.split('\n');
    const input = specialistInput(1);
    expect(retrieved(input, 'by_marker')).toBe(lines.slice(2, -2).join('\n'));
    expect(retrieved(input, 'by_key')).toBe(logs);
    expect(retrieved(input, 'by_query')).toBe(lines[41]);
    expect(marker).toContain('76 lines omitted');
  });

  it('answers a missing entry, an unmatched query and a malformed call in words the model can act on', async () => {
    const context = new SharedContext({ model: 'gpt-4o' });
    await context.put('notes', 'alpha\nbeta');
    const { specialistInput } = await runHandoff({
      toolOutputs: {},
      specialistTools: [
        createRetrievalTool({ ctx: context, name: 'get_back' }),
      ],
      specialistSteps: [
        [
          functionCall(
            'get_back',
            { marker: 'gone#1', key: null, query: null },
            { callId: 'gone' },
          ),
          functionCall(
            'get_back',
            { marker: null, key: 'notes', query: 'zeta' },
            { callId: 'nomatch' },
          ),
          functionCall(
            'get_back',
            { marker: null, key: null, query: null },
            { callId: 'empty' },
          ),
          functionCall(
            'get_back',
            { marker: 'no marker here', key: null, query: null },
            { callId: 'malformed' },
          ),
          functionCall(
            'get_back',
            { marker: 'notes#9', key: null, query: null },
            { callId: 'nospan' },
          ),
        ],
        [assistantMessage('done')],
      ],
    });
    const input = specialistInput(1);
    expect(retrieved(input, 'gone')).toMatch(
      /Nothing stored for "gone#1": the entry expired or was evicted/,
    );
    expect(retrieved(input, 'nomatch')).toMatch(
      /No line of "notes" matches "zeta"/,
    );
    expect(retrieved(input, 'empty')).toMatch(
      /Pass `marker`.*or `key` with an optional `query`/,
    );
    expect(retrieved(input, 'malformed')).toMatch(
      /Invalid argument for marker: no marker found/,
    );
    expect(retrieved(input, 'nospan')).toMatch(/has no dropped span #9/);
  });

  it('rejects something that is not a SharedContext', () => {
    expect(() => createRetrievalTool({ ctx: {} as SharedContext })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', parameter: 'ctx' }),
    );
  });

  it("is sharedcontext_retrieve with core's argument names; the deprecated retrieveTool keeps retrieve_context", () => {
    const context = new SharedContext({ model: 'gpt-4o' });
    const tool = createRetrievalTool({ ctx: context });
    expect(tool.name).toBe(RETRIEVAL_TOOL_NAME);
    expect(Object.keys(tool.parameters.properties)).toEqual(
      Object.keys(RETRIEVAL_TOOL_PARAMETERS.properties),
    );
    expect(retrieveTool(context).name).toBe('retrieve_context');
    expect(retrieveTool(context, { name: 'x' }).name).toBe('x');
  });
});

describe('createRetrievalTool (generated payloads)', () => {
  it('returns a real tool output byte for byte after the built-in compressors ran on it', async () => {
    const logs = sampleServiceLog();
    const issues = sampleJsonRecords();
    const context = new SharedContext({ model: 'gpt-4o' });
    const filter = compressHandoffInput({ ctx: context });
    await filter.ready();
    const { specialistInput } = await runHandoff({
      toolOutputs: { fetch_logs: logs, list_issues: issues },
      inputFilter: filter,
      specialistTools: [createRetrievalTool({ ctx: context })],
      specialistSteps: [
        modelResponder(() =>
          filter.stats[0]!.keys.map((key, index) =>
            functionCall(
              'sharedcontext_retrieve',
              { marker: null, key, query: null },
              { callId: `key_${index}` },
            ),
          ),
        ),
        [assistantMessage('done')],
      ],
    });
    const input = specialistInput(1);
    const back = filter.stats[0]!.keys.map((_, index) =>
      retrieved(input, `key_${index}`),
    );
    expect(back.length).toBeGreaterThanOrEqual(1);
    for (const text of back) expect([logs, issues]).toContain(text);
  });
});
