export { mlCompressor } from './ml-compressor.ts';
export type { MlCompressorOptions } from './ml-compressor-options.ts';
