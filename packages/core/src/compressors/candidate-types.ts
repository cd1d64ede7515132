import { ACCEPT_SCORE, type Detection } from '../detect/index.ts';
import type { ContentType } from '../types.ts';

/**
 * The content types the router tries for one input, in order, at most
 * `maxCandidates`: the routed type, then the detection's runners-up by
 * score. Runners-up scoring under {@link ACCEPT_SCORE} are hints that serve
 * only text: they go before it (e.g. repeated line templates that do not
 * read as a log try the line-template compressor before the text one) and
 * never after a confident detection, so a JSON document is never handed to
 * a line compressor because its lines look alike.
 */
export function candidateTypes(
  input: { contentType: ContentType; detection: Detection },
  maxCandidates: number,
): ContentType[] {
  return [...candidateTypeSequence(input, maxCandidates)];
}

/**
 * {@link candidateTypes} one at a time: past a confident type the
 * detection's runners-up are read only when the router asks for the next
 * candidate (a detection may compute them on first read).
 */
export function* candidateTypeSequence(
  {
    contentType,
    detection,
  }: { contentType: ContentType; detection: Detection },
  maxCandidates: number,
): Generator<ContentType, void, undefined> {
  const alternatives = (): readonly Detection[] =>
    detection.contentType === contentType ? (detection.alternatives ?? []) : [];
  const types: ContentType[] = [];
  const add = (type: ContentType): void => {
    if (types.length < maxCandidates && !types.includes(type)) types.push(type);
  };
  if (contentType === 'text') {
    // Text always gets its turn, last: keep one place for it.
    for (const alternative of alternatives())
      if (types.length < maxCandidates - 1) add(alternative.contentType);
    add('text');
    yield* types;
    return;
  }
  add(contentType);
  yield contentType;
  if (types.length >= maxCandidates) return;
  for (const alternative of alternatives()) {
    if (types.length >= maxCandidates) return;
    const before = types.length;
    if (alternative.confidence >= ACCEPT_SCORE) add(alternative.contentType);
    if (types.length > before) yield alternative.contentType;
  }
}
