/** A value or a promise of it: plug-ins may answer synchronously. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * What the detector decided a piece of content is. The router picks a
 * compressor by this; it also appears in transform labels.
 */
export type ContentType =
  | 'json'
  | 'log'
  | 'search'
  | 'diff'
  | 'html'
  | 'code'
  | 'text'
  | 'mixed';

/** Every content type, in detection order. */
export const CONTENT_TYPES: readonly ContentType[] = [
  'json',
  'diff',
  'html',
  'search',
  'mixed',
  'log',
  'code',
  'text',
];
