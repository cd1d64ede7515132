import { compress, jsonCompressor, type Tokenizer } from '@sharedcontext/core';

/**
 * The four scenarios of Headroom's fidelity regression test
 * (`tests/fixtures/fidelity_golden/`, reference/headroom.md §8.1): ~30 rows
 * of routine records with the answer in one error or anomaly row, a
 * question, the facts an answer needs, and a row budget. The rows are
 * generated here in the same shapes (Headroom's file is not in the corpus).
 * Headroom's recorded aggregate recall on them is 0.9167: it loses the
 * supporting fact "checkpoint saved at step 4500".
 */
interface FidelityCase {
  id: string;
  question: string;
  /** Headroom's `max_items_after_crush`, our `maxItems`. */
  maxItems: number;
  answerEvidence: string[];
  supportingFacts: string[];
  rows: Array<Record<string, string | number>>;
}

export const HEADROOM_FIDELITY_RECALL = 0.9167;

function range(length: number): number[] {
  return Array.from({ length }, (_, i) => i);
}

/** The four cases, in Headroom's order. */
export function fidelityCases(): FidelityCase[] {
  const heartbeats = range(28).map((seq) => ({
    seq,
    level: 'INFO',
    status: 'ok',
    msg: `heartbeat ping ${seq}`,
  }));
  heartbeats.splice(9, 0, {
    seq: 9,
    level: 'INFO',
    status: 'ok',
    msg: 'checkpoint saved at step 4500',
  });
  heartbeats.splice(18, 0, {
    seq: 17,
    level: 'ERROR',
    status: 'failed',
    msg: 'OOM killed worker 3 exceeded memory limit 8GiB',
  });
  const health = range(30).map((seq) => ({
    seq,
    level: 'INFO',
    status: 'ok',
    msg: `GET /healthz 200 ${seq}`,
  }));
  health.splice(21, 0, {
    seq: 21,
    level: 'ERROR',
    status: 'failed',
    msg: 'exception: NullPointerException at PaymentService.charge line 88',
  });
  const latency: Array<Record<string, string | number>> = range(30).map(
    (seq) => ({
      seq,
      region: 'us-west-2',
      latency_ms: 95 + (seq % 11),
      status: 'ok',
    }),
  );
  latency[19] = {
    seq: 19,
    region: 'us-east-1',
    latency_ms: 99999,
    status: 'ok',
    note: 'latency spike us-east-1',
  };
  const tests: Array<Record<string, string | number>> = range(30).map(
    (seq) => ({
      seq,
      test: `test_module_${seq}`,
      outcome: 'passed',
      duration_ms: 5 + seq,
    }),
  );
  tests[12] = {
    seq: 12,
    test: 'test_auth_token_refresh',
    outcome: 'failed',
    duration_ms: 41,
    error: 'AssertionError: expected 200 got 401 in test_auth_token_refresh',
  };
  return [
    {
      id: 'logs_oom',
      question: 'Why did the job fail?',
      maxItems: 10,
      answerEvidence: ['OOM killed worker 3', 'exceeded memory limit'],
      supportingFacts: ['checkpoint saved at step 4500'],
      rows: heartbeats,
    },
    {
      id: 'payment_exception',
      question: 'Which service threw an exception and where?',
      maxItems: 8,
      answerEvidence: ['NullPointerException', 'PaymentService.charge line 88'],
      supportingFacts: [],
      rows: health,
    },
    {
      id: 'latency_anomaly',
      question: 'Which region had the latency spike, and how high?',
      maxItems: 8,
      answerEvidence: ['us-east-1', '99999'],
      supportingFacts: [],
      rows: latency,
    },
    {
      id: 'ci_test_failures',
      question: 'Which test failed and why?',
      maxItems: 9,
      answerEvidence: ['test_auth_token_refresh', 'expected 200 got 401'],
      supportingFacts: [],
      rows: tests,
    },
  ];
}

/** Python's `json.dumps` layout (`", "` and `": "`), as Headroom's test feeds it. */
function pythonJson(rows: ReadonlyArray<Record<string, string | number>>) {
  const row = (record: Record<string, string | number>) =>
    `{${Object.entries(record)
      .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
      .join(', ')}}`;
  return `[${rows.map(row).join(', ')}]`;
}

/** Share of `facts` present in `output`, case-insensitively (Headroom's metric). */
function recall(facts: readonly string[], output: string): number {
  if (facts.length === 0) return 1;
  const lower = output.toLowerCase();
  return (
    facts.filter((fact) => lower.includes(fact.toLowerCase())).length /
    facts.length
  );
}

export interface FidelityRow {
  id: string;
  mode: 'default' | 'sample';
  tokensIn: number;
  tokensOut: number;
  evidenceRecall: number;
  recall: number;
  transforms: string[];
}

/**
 * Each case twice: through the default pipeline (which may choose a
 * lossless table), and forced to a lossy sample (arrays over `maxItems`) like
 * Headroom's run "without compaction". No query is passed (harder than
 * asking the question).
 */
export async function benchFidelity(
  tokenizer: Tokenizer,
): Promise<{ rows: FidelityRow[]; markdown: string }> {
  const rows: FidelityRow[] = [];
  for (const fidelityCase of fidelityCases()) {
    const content = pythonJson(fidelityCase.rows);
    for (const mode of ['default', 'sample'] as const) {
      const result = await compress(content, {
        tokenizer,
        contentType: 'json',
        minTokens: 0,
        key: fidelityCase.id,
        compressors: [
          jsonCompressor({
            maxItems: fidelityCase.maxItems,
            ...(mode === 'sample' ? { minSampleSavings: 0, minItems: 0 } : {}),
          }),
        ],
      });
      rows.push({
        id: fidelityCase.id,
        mode,
        tokensIn: result.originalTokens,
        tokensOut: result.compressedTokens,
        evidenceRecall: recall(fidelityCase.answerEvidence, result.compressed),
        recall: recall(
          [...fidelityCase.answerEvidence, ...fidelityCase.supportingFacts],
          result.compressed,
        ),
        transforms: result.transforms,
      });
    }
  }
  const aggregate = (mode: FidelityRow['mode']) => {
    const picked = rows.filter((row) => row.mode === mode);
    return (
      picked.reduce((sum, row) => sum + row.recall, 0) / picked.length
    ).toFixed(4);
  };
  const markdown = [
    `Headroom's fidelity regression scenarios (reference/headroom.md §8.1), rows generated in the same shapes, compressed as Python's \`json.dumps\` text with each case's row budget as \`maxItems\` and no query. Recall is the share of answer evidence and supporting facts present (case-insensitive), Headroom's metric. Aggregate recall: **${aggregate('default')}** by default, **${aggregate('sample')}** forced to a lossy sample (\`minSampleSavings: 0\`, \`minItems: 0\`); Headroom's recorded baseline is ${HEADROOM_FIDELITY_RECALL}.`,
    '',
    '| case | mode | tokens in | tokens out | evidence recall | recall | transforms |',
    '|---|---|---:|---:|---:|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.id} | ${row.mode} | ${row.tokensIn} | ${row.tokensOut} | ${row.evidenceRecall.toFixed(2)} | ${row.recall.toFixed(2)} | ${row.transforms.join(', ')} |`,
    ),
  ].join('\n');
  return { rows, markdown };
}
