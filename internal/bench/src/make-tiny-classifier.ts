import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import {
  byteLevelBpeTokenizer,
  TINY_DROP_WORDS,
  type Vocab,
  wordPieceTokenizer,
} from './tiny-classifier-tokenizers.ts';

export {
  TINY_DROP_WORDS,
  TINY_STRONG_WORDS,
  TINY_WEAK_WORDS,
} from './tiny-classifier-tokenizers.ts';

const { onnx } = onnxProto;
const HIDDEN = 4;

/** Which tokenizer family the generated model imitates. */
export type TinyClassifierFlavour = 'bert' | 'modernbert';

/** Options of {@link makeTinyClassifier}. */
export interface MakeTinyClassifierOptions {
  /** Folder that plays `env.localModelPath`; the model goes in `<dir>/<modelId>/`. */
  dir: string;
  /** `bert`: WordPiece, token_type_ids. `modernbert`: byte-level BPE, no token_type_ids. */
  flavour: TinyClassifierFlavour;
  /** @default `tiny-<flavour>-keep-drop` */
  modelId?: string;
  /** The model's window: longer inputs fail in the position Gather, as in a real model. @default 512 */
  maxPositions?: number;
  /** Which ONNX files to write: `fp32` → model.onnx, `q8` → model_quantized.onnx. @default both */
  dtypes?: readonly ('fp32' | 'q8')[];
  /** Label names, index 0 = drop, 1 = keep. @default ['drop', 'keep'] for bert, ['LABEL_0', 'LABEL_1'] for modernbert */
  labels?: readonly [string, string];
}

/** Where {@link makeTinyClassifier} wrote the model. */
export interface TinyClassifier {
  modelId: string;
  /** `<dir>/<modelId>`. */
  modelDir: string;
  /** Words the model marks drop (its stop words). */
  dropWords: readonly string[];
}

function floatTensor(
  name: string,
  dims: number[],
  values: number[],
): onnxProto.onnx.ITensorProto {
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    floatData: values,
  };
}

function int64Tensor(
  name: string,
  dims: number[],
  values: number[],
): onnxProto.onnx.ITensorProto {
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.INT64,
    int64Data: values,
  };
}

function int64Input(name: string): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.INT64,
        shape: {
          dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }],
        },
      },
    },
  };
}

function node(
  opType: string,
  input: string[],
  output: string[],
  attribute: onnxProto.onnx.IAttributeProto[] = [],
): onnxProto.onnx.INodeProto {
  return { opType, input, output, name: `${opType}_${output[0]}`, attribute };
}

/**
 * The graph: word (+ position, + token type) embedding Gathers →
 * LayerNormalization → MatMul + Tanh → attention-mask multiply → classifier
 * MatMul → `logits [batch, seq, 2]`. A token's embedding is
 * `[s, -s, 1, -1]`; after the layer norm and tanh its keep logit is
 * `2·tanh(s·√2/√(s²+1))`, so the keep probability depends on the designed
 * strength `s` alone: drop words ≈ 0.03, unknown ≈ 0.95, strong ≈ 0.97.
 */
function buildGraph(
  vocab: Vocab,
  flavour: TinyClassifierFlavour,
  maxPositions: number,
): Uint8Array {
  const wordEmbeddings = vocab.strengths.flatMap((strength) => [
    strength,
    -strength,
    1,
    -1,
  ]);
  const w1 = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const w2 = [-2, 2, 0, 0, 0, 0, 0, 0];
  const initializer = [
    floatTensor(
      'word_embeddings',
      [vocab.tokens.length, HIDDEN],
      wordEmbeddings,
    ),
    floatTensor(
      'position_embeddings',
      [maxPositions, HIDDEN],
      new Array(maxPositions * HIDDEN).fill(0),
    ),
    floatTensor('ln_gamma', [HIDDEN], [1, 1, 1, 1]),
    floatTensor('ln_beta', [HIDDEN], [0, 0, 0, 0]),
    floatTensor('dense_weight', [HIDDEN, HIDDEN], w1),
    floatTensor('classifier_weight', [HIDDEN, 2], w2),
    int64Tensor('zero', [], [0]),
    int64Tensor('one', [], [1]),
    int64Tensor('unsqueeze_axes', [1], [-1]),
  ];
  const nodes = [
    node('Gather', ['word_embeddings', 'input_ids'], ['word_embedded']),
    node('Shape', ['input_ids'], ['input_shape']),
    node('Gather', ['input_shape', 'one'], ['sequence_length']),
    node('Range', ['zero', 'sequence_length', 'one'], ['position_ids']),
    node(
      'Gather',
      ['position_embeddings', 'position_ids'],
      ['position_embedded'],
    ),
    node('Add', ['word_embedded', 'position_embedded'], ['embedded']),
  ];
  const inputs = [int64Input('input_ids'), int64Input('attention_mask')];
  let embedded = 'embedded';
  if (flavour === 'bert') {
    initializer.push(
      floatTensor(
        'token_type_embeddings',
        [2, HIDDEN],
        new Array(2 * HIDDEN).fill(0),
      ),
    );
    inputs.push(int64Input('token_type_ids'));
    nodes.push(
      node(
        'Gather',
        ['token_type_embeddings', 'token_type_ids'],
        ['token_type_embedded'],
      ),
      node('Add', ['embedded', 'token_type_embedded'], ['embedded_with_types']),
    );
    embedded = 'embedded_with_types';
  }
  const { INT, FLOAT } = onnx.AttributeProto.AttributeType;
  nodes.push(
    node(
      'LayerNormalization',
      [embedded, 'ln_gamma', 'ln_beta'],
      ['normalized'],
      [
        { name: 'axis', type: INT, i: -1 },
        { name: 'epsilon', type: FLOAT, f: 1e-5 },
      ],
    ),
    node('MatMul', ['normalized', 'dense_weight'], ['dense']),
    node('Tanh', ['dense'], ['activated']),
    node(
      'Cast',
      ['attention_mask'],
      ['mask_float'],
      [{ name: 'to', type: INT, i: onnx.TensorProto.DataType.FLOAT }],
    ),
    node('Unsqueeze', ['mask_float', 'unsqueeze_axes'], ['mask_expanded']),
    node('Mul', ['activated', 'mask_expanded'], ['masked']),
    node('MatMul', ['masked', 'classifier_weight'], ['logits']),
  );
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'sharedcontext-make-tiny-classifier',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: `tiny-${flavour}-keep-drop`,
      node: nodes,
      initializer,
      input: inputs,
      output: [
        {
          name: 'logits',
          type: {
            tensorType: {
              elemType: onnx.TensorProto.DataType.FLOAT,
              shape: {
                dim: [
                  { dimParam: 'batch_size' },
                  { dimParam: 'sequence_length' },
                  { dimValue: 2 },
                ],
              },
            },
          },
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/**
 * Writes a tiny but real ONNX token-classification model (opset 17) with
 * designed weights (stop words → drop, everything else → keep) plus the
 * Hugging Face `tokenizer.json`, `tokenizer_config.json` and `config.json`
 * that `@huggingface/transformers` loads offline from `env.localModelPath`.
 * Used by the compressor-ml tests and the ML benchmark; nothing is downloaded.
 */
export async function makeTinyClassifier(
  options: MakeTinyClassifierOptions,
): Promise<TinyClassifier> {
  const { dir, flavour, maxPositions = 512, dtypes = ['fp32', 'q8'] } = options;
  const modelId = options.modelId ?? `tiny-${flavour}-keep-drop`;
  const labels =
    options.labels ??
    (flavour === 'bert' ? ['drop', 'keep'] : ['LABEL_0', 'LABEL_1']);
  const modelDir = join(dir, modelId);
  await mkdir(join(modelDir, 'onnx'), { recursive: true });
  const { vocab, tokenizer } =
    flavour === 'bert' ? wordPieceTokenizer() : byteLevelBpeTokenizer();
  const graph = buildGraph(vocab, flavour, maxPositions);
  const config = {
    model_type: flavour,
    architectures: [
      flavour === 'bert'
        ? 'BertForTokenClassification'
        : 'ModernBertForTokenClassification',
    ],
    hidden_size: HIDDEN,
    vocab_size: vocab.tokens.length,
    max_position_embeddings: maxPositions,
    id2label: { 0: labels[0], 1: labels[1] },
    label2id: { [labels[0]]: 0, [labels[1]]: 1 },
  };
  const tokenizerConfig = {
    tokenizer_class:
      flavour === 'bert' ? 'BertTokenizer' : 'PreTrainedTokenizerFast',
    model_max_length: maxPositions,
    do_lower_case: flavour === 'bert',
    clean_up_tokenization_spaces: true,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
  await Promise.all([
    writeFile(join(modelDir, 'config.json'), JSON.stringify(config, null, 2)),
    writeFile(join(modelDir, 'tokenizer.json'), JSON.stringify(tokenizer)),
    writeFile(
      join(modelDir, 'tokenizer_config.json'),
      JSON.stringify(tokenizerConfig, null, 2),
    ),
    ...dtypes.map((dtype) =>
      writeFile(
        join(
          modelDir,
          'onnx',
          dtype === 'fp32' ? 'model.onnx' : 'model_quantized.onnx',
        ),
        graph,
      ),
    ),
  ]);
  return { modelId, modelDir, dropWords: TINY_DROP_WORDS };
}
