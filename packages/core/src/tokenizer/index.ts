export {
  type EstimateTokenizerOptions,
  estimateTokenizer,
} from './estimate-tokenizer.ts';
export {
  type TokenizerForModelOptions,
  tokenizerForModel,
} from './model-tokenizers.ts';
export {
  type TiktokenEncoding,
  tiktokenTokenizer,
} from './tiktoken-tokenizer.ts';
export type { Tokenizer } from './tokenizer.ts';
