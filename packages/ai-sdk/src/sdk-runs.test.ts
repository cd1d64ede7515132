import {
  generateText,
  jsonSchema,
  stepCountIs,
  streamText,
  ToolLoopAgent,
  tool,
} from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import type { MockModelClass } from './__fixtures__/scripted-model.ts';
import {
  describeOptionErrors,
  describeSdkRuns,
} from './__fixtures__/sdk-runs.ts';

// ai 7, the newest major (it declares Node >= 22; these runs are on 20.20).
describeSdkRuns('ai 7', {
  generateText,
  streamText,
  tool,
  jsonSchema,
  stepCountIs,
  ToolLoopAgent,
  Mock: MockLanguageModelV4 as unknown as MockModelClass,
});
describeOptionErrors();
