import { UnknownModelError } from '../errors/index.ts';
import { assertOptionalString, assertOptions } from '../util/validate.ts';
import { estimateTokenizer } from './estimate-tokenizer.ts';
import { tiktokenTokenizer } from './tiktoken-tokenizer.ts';
import type { Tokenizer } from './tokenizer.ts';

/** Options for {@link tokenizerForModel}. */
export interface TokenizerForModelOptions {
  /**
   * Throw `UnknownModelError` instead of estimating when no exact tokenizer
   * is known for the model id.
   * @default false
   */
  requireExact?: boolean;
}

const O200K =
  /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4|chatgpt-4o|codex-)/i;
const CL100K = /^(gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada-002)/i;

/**
 * Maps a model id to its tokenizer. OpenAI ids get their exact encoding
 * (o200k_base for gpt-4o, 4.1, 5 and the o-series; cl100k_base for gpt-4 and
 * 3.5). Claude's tokenizer is not public, so `claude-*` uses the estimator
 * scaled by 1.1 (Claude tokenizers split code and JSON slightly finer than
 * o200k); Gemini and every unknown id use the unscaled estimator. Provider
 * prefixes such as `openai/gpt-4o` are accepted.
 */
export function tokenizerForModel(
  model: string,
  options: TokenizerForModelOptions = {},
): Tokenizer {
  assertOptionalString(model, 'model', { nonEmpty: true });
  assertOptions(options);
  const { requireExact = false } = options;
  const id = model.includes('/')
    ? model.slice(model.lastIndexOf('/') + 1)
    : model;
  if (O200K.test(id)) return tiktokenTokenizer('o200k_base');
  if (CL100K.test(id)) return tiktokenTokenizer('cl100k_base');
  if (requireExact) throw new UnknownModelError({ modelId: model });
  if (/^claude/i.test(id))
    return estimateTokenizer({ name: 'estimate:claude', scale: 1.1 });
  if (/^gemini/i.test(id))
    return estimateTokenizer({ name: 'estimate:gemini' });
  return estimateTokenizer({ name: 'estimate' });
}
