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
  {
    contentType,
    detection,
  }: { contentType: ContentType; detection: Detection },
  maxCandidates: number,
): ContentType[] {
  const alternatives =
    detection.contentType === contentType ? (detection.alternatives ?? []) : [];
  const types: ContentType[] = [];
  const add = (type: ContentType): void => {
    if (types.length < maxCandidates && !types.includes(type)) types.push(type);
  };
  if (contentType === 'text') {
    // Text always gets its turn, last: keep one place for it.
    for (const alternative of alternatives)
      if (types.length < maxCandidates - 1) add(alternative.contentType);
    add('text');
    return types;
  }
  add(contentType);
  for (const alternative of alternatives)
    if (alternative.confidence >= ACCEPT_SCORE) add(alternative.contentType);
  return types;
}
