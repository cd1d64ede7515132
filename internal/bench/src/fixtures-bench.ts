import {
  type Compressor,
  type ContentType,
  compress,
  savingsPercent,
  type Tokenizer,
} from '@sharedcontext/core';
import { readHeadroomFixtures } from '@sharedcontext-internal/test-utils/corpus';
import {
  diffNeedles,
  keptSignalNeedles,
  type NeedleResult,
} from './needles.ts';

/** One Headroom fixture, ours beside Headroom's recorded output. */
export interface FixtureRow {
  item: string;
  tokensIn: number;
  /** Headroom's recorded output, in o200k tokens. */
  headroomTokens: number;
  ourTokens: number;
  savings: number;
  /** Our output is no larger than Headroom's. */
  noLarger: boolean;
  needles: NeedleResult;
  transforms: string[];
}

const TRANSFORMS: Array<{ transform: string; contentType?: ContentType }> = [
  { transform: 'smart_crusher', contentType: 'json' },
  { transform: 'log_compressor', contentType: 'log' },
  { transform: 'diff_compressor', contentType: 'diff' },
  { transform: 'text_crusher', contentType: 'text' },
];

interface FixtureInput {
  content: string;
  headroomOutput: string;
  query?: string;
  targetRatio?: number;
}

function unpack(
  transform: string,
  input: unknown,
  output: unknown,
): FixtureInput {
  const out = output as { compressed?: string };
  if (typeof input === 'string')
    return { content: input, headroomOutput: out.compressed ?? input };
  const fields = input as {
    content: string;
    query?: string;
    context?: string;
    target_ratio?: number;
  };
  return {
    content: fields.content,
    headroomOutput: out.compressed ?? fields.content,
    ...((fields.query ?? fields.context)
      ? { query: fields.query || fields.context }
      : {}),
    ...(transform === 'text_crusher' && fields.target_ratio
      ? { targetRatio: fields.target_ratio }
      : {}),
  };
}

/**
 * Runs our pipeline on every recorded Headroom fixture (forcing the same
 * content type Headroom's transform handled, with no minimum size so small
 * fixtures are compared too) and compares with Headroom's recorded output.
 */
export async function benchFixtures({
  tokenizer,
  compressors,
}: {
  tokenizer: Tokenizer;
  compressors: readonly Compressor[];
}): Promise<FixtureRow[]> {
  const rows: FixtureRow[] = [];
  for (const { transform, contentType } of TRANSFORMS) {
    for (const fixture of readHeadroomFixtures(transform)) {
      const { content, headroomOutput, query, targetRatio } = unpack(
        transform,
        fixture.input,
        fixture.output,
      );
      const result = await compress(content, {
        tokenizer,
        compressors,
        // A short key, as users pick ('research'): a 16-hex fixture name
        // would cost ~6 tokens per marker on fixtures of 30-200 tokens.
        key: 'fx',
        minTokens: 0,
        ...(query ? { query } : {}),
        ...(targetRatio ? { targetRatio } : {}),
        ...(contentType === 'json' ? {} : contentType ? { contentType } : {}),
      });
      const headroomTokens = tokenizer.count(headroomOutput);
      rows.push({
        item: `${transform}/${fixture.label ?? fixture.name}`,
        tokensIn: result.originalTokens,
        headroomTokens,
        ourTokens: result.compressedTokens,
        savings: savingsPercent(result.originalTokens, result.compressedTokens),
        noLarger: result.compressedTokens <= headroomTokens,
        needles:
          transform === 'diff_compressor'
            ? diffNeedles(content, result.compressed)
            : keptSignalNeedles(headroomOutput, result.compressed),
        transforms: result.transforms,
      });
    }
  }
  return rows;
}
