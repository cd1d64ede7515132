import { InvalidArgumentError } from '../errors/index.ts';
import type { DroppedSpan } from './dropped-span.ts';

/**
 * Markers look like `[… 1,842 rows omitted · sc:research#3 …]`: a summary a
 * reader understands, then `sc:<key>#<span>`, which `ctx.retrieve(key,
 * { marker })` resolves. An entry written in a namespace names it after
 * an `@`: `sc:research@tenant-1#3`, so a marker never resolves in another
 * namespace. Keys and namespaces with whitespace, `#`, `%`, `@`, `]` or `…`
 * are percent-encoded so a marker is always one greppable token. The
 * classes never overlap their delimiters, so matching is linear.
 */
export const MARKER_PATTERN: RegExp =
  /sc:([^\s#\]…@]+)(?:@([^\s#\]…@]+))?#([0-9a-z]+)/g;

function assertText(text: unknown): asserts text is string {
  if (typeof text !== 'string')
    throw new InvalidArgumentError({
      parameter: 'text',
      value: text,
      message: `expected a string, got ${text === null ? 'null' : typeof text}`,
    });
}

/** A parsed marker reference. */
export interface MarkerRef {
  key: string;
  spanId: string;
  /**
   * The namespace the marker was written in; absent for none. The bare
   * `key#3` form never has one: it is read in the resolving context's.
   */
  namespace?: string;
}

function encodeKey(key: string): string {
  return key.replace(/[\s#%@\]…]/gu, (char) => encodeURIComponent(char));
}

function decodeKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** The marker text for a span of an entry. */
export function formatMarker(
  key: string,
  span: Pick<DroppedSpan, 'id' | 'summary'>,
  namespace?: string,
): string {
  const scope = namespace === undefined ? '' : `@${encodeKey(namespace)}`;
  return `[… ${span.summary} · sc:${encodeKey(key)}${scope}#${span.id} …]`;
}

/** Every marker reference found in `text`, in order. */
export function parseMarkers(text: string): MarkerRef[] {
  assertText(text);
  return [...text.matchAll(MARKER_PATTERN)].map((match) => ({
    key: decodeKey(match[1]!),
    spanId: match[3]!,
    ...(match[2] === undefined ? {} : { namespace: decodeKey(match[2]) }),
  }));
}

/** The first marker reference in `text` (a whole marker, `sc:key#3`, or `key#3`), or undefined. */
export function parseMarker(text: string): MarkerRef | undefined {
  const found = parseMarkers(text)[0];
  if (found) return found;
  const bare = /^\s*([^\s#]+)#([0-9a-z]+)\s*$/.exec(text);
  return bare ? { key: decodeKey(bare[1]!), spanId: bare[2]! } : undefined;
}

/** Options of {@link MarkerSink.drop}. */
export interface DropOptions {
  /** What was dropped, shown in the marker: `340 similar lines`. */
  summary: string;
  /** `[start, end)` offsets into the original. */
  ranges?: Array<[number, number]>;
  /** The dropped text, when it is not a slice of the original. */
  text?: string;
}

/**
 * Handed to compressors: records a dropped span and returns the marker to
 * put in its place. One sink per compression attempt, so a rejected
 * attempt's spans are discarded with it.
 */
export interface MarkerSink {
  drop(options: DropOptions): string;
  readonly spans: readonly DroppedSpan[];
  /** Forgets spans recorded after the first `length` (a rejected attempt's). */
  truncate(length: number): void;
  /**
   * Puts back spans an attempt recorded (taken with `spans.slice(length)`
   * before a `truncate(length)`): the router runs several attempts from
   * the same point and keeps the winner's.
   */
  restore(spans: readonly DroppedSpan[]): void;
}

/**
 * A sink whose span ids continue after `firstId - 1`; its markers name
 * `namespace` when one is given.
 */
export function createMarkerSink(
  key: string,
  firstId = 1,
  namespace?: string,
): MarkerSink {
  const spans: DroppedSpan[] = [];
  return {
    spans,
    truncate(length) {
      spans.length = Math.min(spans.length, length);
    },
    restore(saved) {
      spans.push(...saved);
    },
    drop({ summary, ranges, text }) {
      const span: DroppedSpan = {
        id: (firstId + spans.length).toString(36),
        summary,
      };
      if (ranges) span.ranges = ranges;
      if (text !== undefined) span.text = text;
      spans.push(span);
      return formatMarker(key, span, namespace);
    },
  };
}
