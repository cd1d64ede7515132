import { vi } from 'vitest';
import { describeAgentRuns } from './__fixtures__/agent-runs.ts';

// The oldest `langchain` in the peer range: every `langchain` import in
// this file's graph (the adapter's own included) resolves to it.
vi.mock('langchain', () => import('langchain-oldest'));

describeAgentRuns('langchain oldest');
