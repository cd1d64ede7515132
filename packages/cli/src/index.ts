export { markdownTable } from './bench/markdown-table.ts';
export {
  type BenchFilesOptions,
  type BenchRow,
  benchFiles,
  benchMarkdown,
  benchSvg,
  byContentType,
} from './bench/run-bench.ts';
export { type ChartBar, renderSvgChart } from './bench/svg-chart.ts';
export { type ListBenchFilesOptions, listBenchFiles } from './bench/walk.ts';
export { createProgram, run } from './program.ts';
export { DEFAULT_STORE, storeFromSpec } from './store-spec.ts';
