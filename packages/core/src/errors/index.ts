export { CompressionError } from './compression-error.ts';
export { EntryNotFoundError } from './entry-not-found-error.ts';
export { InvalidArgumentError } from './invalid-argument-error.ts';
export { JsonDecodeError } from './json-decode-error.ts';
export { MissingDependencyError } from './missing-dependency-error.ts';
export { NotReadyError } from './not-ready-error.ts';
export {
  SharedContextError,
  type SharedContextErrorCode,
  type SharedContextErrorOptions,
} from './shared-context-error.ts';
export { StoreDriverError, type StoreOperation } from './store-driver-error.ts';
export { StoreOutcomeUnknownError } from './store-outcome-unknown-error.ts';
export { UnknownModelError } from './unknown-model-error.ts';
