export {
  type CodeCompressorOptions,
  codeCompressor,
} from './code-compressor.ts';
export { SUPPORTED_LANGUAGES } from './languages.ts';
