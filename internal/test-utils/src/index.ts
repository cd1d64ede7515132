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
export {
  type DescribeStoreDriverOptions,
  describeStoreDriver,
  type StoreDriverFixture,
  type StoreDriverTestContext,
} from './describe-store-driver.ts';
export { type FakeClock, fakeClock } from './fake-clock.ts';
export {
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
  describeRedis,
  freePort,
  hasRedisServerBinary,
  type RedisServer,
  redisUrl,
  startRedisServer,
  uniqueRedisPrefix,
} from './redis-server.ts';
export { type RunCompressorOptions, runCompressor } from './run-compressor.ts';
export {
  type SampleGrepOutputOptions,
  type SampleJsonRecordsOptions,
  type SampleServiceLogOptions,
  sampleGrepOutput,
  sampleJsonRecords,
  sampleServiceLog,
  seededRandom,
} from './sample-content.ts';
export {
  largeStoreTestText,
  lineDropCompressor,
  storeTestText,
} from './store-test-content.ts';
