/** The event name SharedContext dispatches after each `put` (noun-verb, style.md 3.5). */
export const COMPRESSION_END = 'compression-end';

/**
 * One `put`'s numbers, dispatched once it is written (or, for `putSync` on
 * an async store, accepted). Every field is a string, a number or an array
 * of strings, and absent rather than null when unknown, so an OpenTelemetry
 * span (`span.setAttributes`) or a metrics counter's attributes take them
 * as they are (docs/concepts.md, "Savings events").
 */
export interface CompressionEvent {
  /** The entry's key. */
  key: string;
  /** The context's namespace, when it has one. */
  namespace?: string;
  /** The agent that wrote the entry (`PutOptions.agent`); absent when not given. */
  agent?: string;
  /** The tool whose output this is (`PutOptions.tool`), when an adapter knows it. */
  tool?: string;
  /** Tokens of the original. */
  originalTokens: number;
  /** Tokens of the compressed text (equal to `originalTokens` when it passed through). */
  compressedTokens: number;
  /** Milliseconds spent detecting and compressing (not the store write). */
  ms: number;
  /** What the pipeline did, e.g. `['detect:log', 'compress:log']`. */
  transforms: string[];
}

/**
 * The `compression-end` event: a plain `Event` carrying the numbers in
 * `detail`, like a `CustomEvent`, so listeners read `event.detail.key`.
 */
export class CompressionEndEvent extends Event {
  readonly detail: CompressionEvent;

  constructor(detail: CompressionEvent) {
    super(COMPRESSION_END);
    this.detail = detail;
  }
}

/** A listener for `compression-end`. */
export type CompressionEndListener = (event: CompressionEndEvent) => void;
