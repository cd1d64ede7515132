export * from '@sharedcontext/core';
export {
  createRetrievalTool,
  type RetrievalToolOptions,
} from './retrieval-tool.ts';
export {
  type TaskHandoff,
  type TaskHandoffOptions,
  taskHandoff,
} from './task-handoff.ts';
export {
  type CompressTeamHandoffsOptions,
  compressTeamHandoffs,
} from './team-handoffs.ts';
