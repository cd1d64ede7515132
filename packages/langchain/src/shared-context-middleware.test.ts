import { describeAgentRuns } from './__fixtures__/agent-runs.ts';

describeAgentRuns('langchain 1.5');
