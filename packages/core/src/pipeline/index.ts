export { runPipeline, runPipelineSync } from './pipeline.ts';
export type { PipelineOptions, PipelineResult } from './pipeline-stage.ts';
