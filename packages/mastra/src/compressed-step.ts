import type { Step } from '@mastra/core/workflows';
import { InvalidArgumentError, type SharedContext } from '@sharedcontext/core';

/** Which output of which run is being stored. */
export interface StepOutputRef {
  stepId: string;
  runId: string;
  /** The output field; undefined when the whole output is a string. */
  field: string | undefined;
}

/** Options of {@link compressedStep}. */
export interface CompressedStepOptions {
  /** Where originals are kept, so markers in the next step's input resolve. */
  ctx: SharedContext;
  /** Output fields to compress. @default every top-level string field */
  fields?: readonly string[];
  /** What the next step will look for: matching lines and items are kept. */
  query?: string | ((ref: StepOutputRef) => string | undefined);
  /**
   * The store key (and marker name) of an output.
   * @default `${stepId}:${runId.slice(0, 8)}:${field}` (no `:field` for a string output)
   */
  key?: (ref: StepOutputRef) => string;
}

// biome-ignore lint/suspicious/noExplicitAny: any step, whatever its schemas
type AnyStep = Step<string, any, any, any, any, any, any, any>;

/**
 * Wraps a Mastra workflow step so its output reaches the next step
 * compressed: each string field of the output (or the output itself, if a
 * string) is stored in the SharedContext and replaced by its compressed
 * text, so the output still matches the step's `outputSchema`. Originals
 * stay retrievable by the markers in that text. Fields that are not
 * strings pass through unchanged; an agent step's `{ text }` is the usual
 * target (`createStep(agent)` steps run through the wrapper too).
 *
 * @example
 * const ctx = new SharedContext();
 * const workflow = createWorkflow({ id: 'triage', inputSchema, outputSchema })
 *   .then(compressedStep(fetchLogs, { ctx, query: 'ERROR' }))
 *   .then(summarise)
 *   .commit();
 */
export function compressedStep<TStep extends AnyStep>(
  step: TStep,
  options: CompressedStepOptions,
): TStep {
  if (typeof step?.execute !== 'function') {
    throw new InvalidArgumentError({
      parameter: 'step',
      value: step,
      message: 'expected a Mastra step (createStep(...))',
    });
  }
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  if (typeof options.ctx?.put !== 'function') {
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: options.ctx,
      message: 'expected a SharedContext',
    });
  }
  const { ctx, fields, query, key = defaultKey } = options;

  async function store(ref: StepOutputRef, text: string): Promise<string> {
    const q = typeof query === 'function' ? query(ref) : query;
    const entry = await ctx.put(key(ref), text, {
      agent: ref.stepId,
      ...(q ? { query: q } : {}),
    });
    return entry.compressed;
  }

  const execute: AnyStep['execute'] = async (params) => {
    const output: unknown = await step.execute(params);
    const ref = { stepId: step.id, runId: params.runId };
    if (typeof output === 'string') {
      return store({ ...ref, field: undefined }, output);
    }
    if (!isRecord(output)) return output; // suspended, bailed or not an object
    const next: Record<string, unknown> = { ...output };
    for (const [field, value] of Object.entries(output)) {
      if (typeof value !== 'string') continue;
      if (fields && !fields.includes(field)) continue;
      next[field] = await store({ ...ref, field }, value);
    }
    return next;
  };
  // Agent, tool and classifier steps carry `__agentRef`-style references
  // that Mastra's workflow builder runs directly, bypassing `execute`;
  // without them the wrapped step runs as the plain step it now is.
  const wrapped = Object.fromEntries(
    Object.entries({ ...step, execute }).filter(
      ([name]) => !name.startsWith('__'),
    ),
  );
  return wrapped as TStep;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function defaultKey({ stepId, runId, field }: StepOutputRef): string {
  const base = `${stepId}:${runId.slice(0, 8)}`;
  return field === undefined ? base : `${base}:${field}`;
}
