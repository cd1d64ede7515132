export {
  corpusDir,
  corpusPath,
  type HeadroomFixture,
  hasCorpus,
  listCorpus,
  parseCsv,
  REPO_ROOT,
  readCorpus,
  readHeadroomFixtures,
} from './corpus.ts';
export { describeCorpus } from './describe-corpus.ts';
export { describeRedisCluster } from './describe-redis-cluster.ts';
export {
  type DescribeStoreDriverOptions,
  describeStoreDriver,
  type StoreDriverFixture,
  type StoreDriverTestContext,
} from './describe-store-driver.ts';
export {
  expectInvalidArguments,
  type NamedInvalidCall,
} from './expect-invalid-arguments.ts';
export { type FakeClock, fakeClock } from './fake-clock.ts';
export {
  type GeneratedLog,
  type GenerateLogOptions,
  generateLog,
} from './log-layouts.ts';
export {
  expectNamespacesAfterWorkers,
  expectStoreAfterWorkers,
  type RunStoreWorkersOptions,
  runStoreWorkers,
  type WorkerEntry,
  type WorkerReport,
} from './multi-process.ts';
export {
  type DescribePairingSafetyOptions,
  describePairingSafety,
} from './pairing/describe-pairing-safety.ts';
export {
  type PairingTranscript,
  pairingTranscripts,
} from './pairing/pairing-transcripts.ts';
export {
  type PairingExpectations,
  pairingViolations,
} from './pairing/pairing-violations.ts';
export type {
  AssistantMessage,
  SystemMessage,
  ToolCall,
  ToolResultMessage,
  TranscriptMessage,
  UserMessage,
} from './pairing/transcript.ts';
export {
  ordinaryText,
  type PathologicalInput,
  type PathologicalInputsOptions,
  pathologicalInputs,
} from './pathological-inputs.ts';
export { PATH_END, readSearchPaths } from './read-search-paths.ts';
export {
  type RedisCluster,
  type RedisClusterNode,
  type StartRedisClusterOptions,
  startRedisCluster,
} from './redis-cluster.ts';
export {
  describeRedis,
  freePort,
  type RedisServer,
  redisUrl,
  startRedisServer,
  uniqueRedisPrefix,
} from './redis-server.ts';
export { type RunCompressorOptions, runCompressor } from './run-compressor.ts';
export {
  type SampleJsonRecordsOptions,
  type SampleServiceLogOptions,
  sampleJsonRecords,
  sampleServiceLog,
} from './sample-content.ts';
export {
  type GeneratedSearch,
  type GenerateSearchOptions,
  generateSearchOutput,
  type SearchLayout,
} from './search-layouts.ts';
export {
  type GeneratedSearchTree,
  type GenerateSearchTreeOptions,
  generateSearchTree,
  type SearchTreeLayout,
} from './search-trees.ts';
export { type Draw, seededRandom } from './seeded.ts';
export {
  type GeneratedSparseLog,
  type GenerateSparseLogOptions,
  generateSparseLog,
} from './sparse-logs.ts';
export {
  largeStoreTestText,
  lineDropCompressor,
  storeTestText,
} from './store-test-content.ts';
