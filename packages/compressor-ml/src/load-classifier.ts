import type {
  PreTrainedModel,
  PreTrainedTokenizer,
  Tensor,
} from '@huggingface/transformers';
import {
  InvalidArgumentError,
  MissingDependencyError,
} from '@sharedcontext/core';

/** What {@link loadClassifier} needs to find and load a model. */
export interface ClassifierSource {
  model: string;
  dtype: 'fp32' | 'q8';
  modelFileName?: string;
  localModelPath?: string;
  cacheDir?: string;
  allowRemoteModels: boolean;
  keepLabel?: string | number;
}

/** A loaded keep/drop classifier, shared by every compressor with the same source. */
export interface Classifier {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  /** The library's tensor class, for building inputs. */
  Tensor: typeof Tensor;
  /** Index of the keep label in the logits, from `config.id2label` and `keepLabel`. */
  keepIndex: number;
  /** Tokens per call, special tokens included. */
  window: number;
  /** Special token ids the tokenizer puts before and after a sequence ([CLS] … [SEP]). */
  prefixIds: number[];
  suffixIds: number[];
}

const cache = new Map<string, Promise<Classifier>>();
/** `env` is global to transformers: loads run one at a time so settings do not mix. */
let envLock: Promise<unknown> = Promise.resolve();

function cacheKey(source: ClassifierSource): string {
  return JSON.stringify([
    source.model,
    source.dtype,
    source.modelFileName ?? null,
    source.localModelPath ?? null,
    source.cacheDir ?? null,
    source.allowRemoteModels,
    source.keepLabel ?? null,
  ]);
}

/**
 * Loads (once per process and source) the tokenizer and the ONNX token
 * classifier. A failed load is forgotten, so a model downloaded later is
 * picked up by the next call.
 */
export function loadClassifier(source: ClassifierSource): Promise<Classifier> {
  const key = cacheKey(source);
  let loading = cache.get(key);
  if (!loading) {
    loading = withEnvLock(() => load(source));
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading;
}

function withEnvLock<T>(task: () => Promise<T>): Promise<T> {
  const run = envLock.then(task, task);
  envLock = run.catch(() => undefined);
  return run;
}

async function importTransformers(): Promise<
  typeof import('@huggingface/transformers')
> {
  try {
    return await import('@huggingface/transformers');
  } catch (error) {
    throw new MissingDependencyError({
      packageName: '@huggingface/transformers',
      cause: error,
    });
  }
}

async function load(source: ClassifierSource): Promise<Classifier> {
  const transformers = await importTransformers();
  const { env } = transformers;
  const saved = {
    allowRemoteModels: env.allowRemoteModels,
    allowLocalModels: env.allowLocalModels,
    localModelPath: env.localModelPath,
    cacheDir: env.cacheDir,
  };
  env.allowRemoteModels = source.allowRemoteModels;
  env.allowLocalModels = true;
  if (source.localModelPath !== undefined)
    env.localModelPath = withSlash(source.localModelPath);
  if (source.cacheDir !== undefined) env.cacheDir = source.cacheDir;
  try {
    const common = {
      local_files_only: !source.allowRemoteModels,
      ...(source.cacheDir === undefined ? {} : { cache_dir: source.cacheDir }),
    };
    // The config first: a missing model then fails with a clear "not found" message.
    await transformers.AutoConfig.from_pretrained(source.model, common);
    const tokenizer = await transformers.AutoTokenizer.from_pretrained(
      source.model,
      common,
    );
    const model =
      await transformers.AutoModelForTokenClassification.from_pretrained(
        source.model,
        {
          ...common,
          dtype: source.dtype,
          device: 'cpu',
          ...(source.modelFileName === undefined
            ? {}
            : { model_file_name: source.modelFileName }),
        },
      );
    const config = model.config as unknown as {
      id2label?: Record<string, string>;
      max_position_embeddings?: number;
    };
    const { prefixIds, suffixIds } = framing(tokenizer);
    const limits = [
      config.max_position_embeddings,
      Number(tokenizer.model_max_length),
      512,
    ].filter(
      (value): value is number =>
        typeof value === 'number' && Number.isFinite(value) && value > 0,
    );
    return {
      tokenizer,
      model,
      Tensor: transformers.Tensor,
      keepIndex: resolveKeepIndex(config.id2label, source.keepLabel),
      window: Math.min(...limits),
      prefixIds,
      suffixIds,
    };
  } finally {
    Object.assign(env, saved);
  }
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

/** The special tokens around a sequence, found by encoding a probe with and without them. */
function framing(tokenizer: PreTrainedTokenizer): {
  prefixIds: number[];
  suffixIds: number[];
} {
  const inner = tokenizer.encode('probe', { add_special_tokens: false });
  const outer = tokenizer.encode('probe', { add_special_tokens: true });
  for (let offset = 0; offset + inner.length <= outer.length; offset++) {
    if (inner.every((id, index) => outer[offset + index] === id)) {
      return {
        prefixIds: outer.slice(0, offset),
        suffixIds: outer.slice(offset + inner.length),
      };
    }
  }
  return { prefixIds: [], suffixIds: [] };
}

const KEEP_NAMES = /^(keep|preserve|retain|1|label_1)$/i;

/**
 * Which logit means keep: `keepLabel` by name (case-insensitive) or index;
 * by default a label named keep/preserve/retain, else `LABEL_1`, else index 1.
 */
export function resolveKeepIndex(
  id2label: Record<string, string> | undefined,
  keepLabel?: string | number,
): number {
  const entries = Object.entries(
    id2label ?? { 0: 'LABEL_0', 1: 'LABEL_1' },
  ).map(([id, name]) => [Number(id), String(name)] as const);
  if (typeof keepLabel === 'number') {
    if (entries.some(([id]) => id === keepLabel)) return keepLabel;
  } else if (keepLabel !== undefined) {
    const found = entries.find(
      ([, name]) => name.toLowerCase() === keepLabel.toLowerCase(),
    );
    if (found) return found[0];
  } else {
    const named =
      entries.find(([, name]) => /^(keep|preserve|retain)$/i.test(name)) ??
      entries.find(([, name]) => KEEP_NAMES.test(name));
    if (named) return named[0];
    if (entries.length === 2) return 1;
  }
  throw new InvalidArgumentError({
    parameter: 'keepLabel',
    value: keepLabel,
    message: `the model's labels are ${entries.map(([id, name]) => `${id}=${name}`).join(', ')}; name the one that means keep`,
  });
}
