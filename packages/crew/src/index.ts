export * from '@sharedcontext/core';
export {
  type TaskHandoff,
  type TaskHandoffOptions,
  taskHandoff,
} from './task-handoff.ts';
export {
  type CompressTeamHandoffsOptions,
  compressTeamHandoffs,
} from './team-handoffs.ts';
