import {
  generateText,
  jsonSchema,
  stepCountIs,
  streamText,
  ToolLoopAgent,
  tool,
} from 'ai-v6';
import { MockLanguageModelV3 } from 'ai-v6/test';
import { vi } from 'vitest';
import type { MockModelClass } from './__fixtures__/scripted-model.ts';
import { describeSdkRuns } from './__fixtures__/sdk-runs.ts';

// The oldest major in the peer range: the adapter's own `ai` imports
// (tool(), jsonSchema()) resolve to ai 6 in this file too.
vi.mock('ai', () => import('ai-v6'));

describeSdkRuns('ai 6', {
  generateText,
  streamText,
  tool,
  jsonSchema,
  stepCountIs,
  ToolLoopAgent,
  Mock: MockLanguageModelV3 as unknown as MockModelClass,
});
