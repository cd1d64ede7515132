/**
 * The Redis key names of one namespace. Every name starts with
 * `<prefix>{<tag>}:`, so all keys of a namespace share one hash tag (one
 * cluster slot), and the tag is the only `{…}` in the name: the prefix may
 * not contain braces, and the tag escapes them.
 */
export interface RedisKeyNames {
  /** `<prefix>{<tag>}:`: what every key of the namespace starts with. */
  base: string;
  /** Sorted set of index members by `writtenAt`. */
  index: string;
  /** Sorted set of the same members by `expiresAt`. */
  expiry: string;
  /** The write sequence counter. */
  sequence: string;
  /** `base` + `entry:`; an entry's hash is this followed by its key. */
  entryPrefix: string;
  /** The hash of one entry. */
  entry(key: string): string;
}

// Percent-escapes exactly the characters that structure a tag, so distinct
// paths give distinct tags and no tag contains `}` (which would end it).
function escapeSegment(segment: string): string {
  return segment.replace(
    /[%/{}]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The hash tag of a namespace path: `/` for the driver itself, `/<a>` for
 * `withNamespace('a')`, `/<a>/<b>` for a view of a view. Namespaces are
 * never empty, so no named path gives the root's `/`.
 */
export function namespaceTag(path: readonly string[]): string {
  return path.length === 0
    ? '/'
    : path.map((segment) => `/${escapeSegment(segment)}`).join('');
}

/** The key names of namespace `path` under `prefix`. */
export function redisKeyNames(
  prefix: string,
  path: readonly string[],
): RedisKeyNames {
  const base = `${prefix}{${namespaceTag(path)}}:`;
  const entryPrefix = `${base}entry:`;
  return {
    base,
    index: `${base}index`,
    expiry: `${base}expiry`,
    sequence: `${base}seq`,
    entryPrefix,
    entry: (key) => `${entryPrefix}${key}`,
  };
}

/** `text` as a glob (SCAN MATCH) pattern that matches only itself. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
