import {
  arrayElementSpans,
  arrayElementStart,
  objectMemberStarts,
  skipSpace,
} from '../util/json-scan.ts';
import { isJsonObject } from './json-cell.ts';

/** The array a JSON compressor works on: the root, or the biggest one inside a root object. */
export interface JsonTarget {
  /** Object keys from the root to the array; empty for a root array. */
  path: string[];
  items: unknown[];
}

const MAX_TARGET_DEPTH = 4;

/** How deep a parsed value nests, and its longest array, widest map and longest string at any depth. */
export interface JsonShape {
  /** Nesting depth; counting stops past the `limit` given. */
  depth: number;
  /** Items of the longest array found (0 when there is none). */
  longestArray: number;
  /** Members of the widest map found (see {@link isUniformMap}; 0 when none). */
  widestMap: number;
  /** Characters of the longest string value (a root string included). */
  longestString: number;
}

/**
 * An object used as a map, not a record: every member a record (an object,
 * not an array: `{"left-pad@1.0.0": {…}, …}`), or every member a scalar of
 * one type (`{"errors.required": "…", …}`). A lossy outline samples a wide one as
 * it samples a long array; a record with fields of mixed kinds is never
 * sampled.
 */
export function isUniformMap(value: object): boolean {
  const members = Object.values(value);
  if (members.length < 2) return false;
  if (members.every(isJsonObject)) return true;
  // Scalars of one type (nulls aside): a settings object mixing flags,
  // numbers and names is a record, not a map.
  let type: string | undefined;
  for (const member of members) {
    if (member === null) continue;
    if (typeof member === 'object') return false;
    if (type === undefined) type = typeof member;
    else if (typeof member !== type) return false;
  }
  return true;
}

/** The {@link JsonShape} of a parsed value, counted without recursion. */
export function jsonShape(value: unknown, limit: number): JsonShape {
  let depth = 0;
  let longestArray = 0;
  let widestMap = 0;
  let longestString = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, level] = stack.pop()!;
    if (typeof current === 'string' && current.length > longestString)
      longestString = current.length;
    if (typeof current !== 'object' || current === null) continue;
    if (level > depth) depth = level;
    if (depth > limit) return { depth, longestArray, widestMap, longestString };
    const inner = Array.isArray(current) ? current : Object.values(current);
    if (Array.isArray(current) && current.length > longestArray)
      longestArray = current.length;
    else if (
      !Array.isArray(current) &&
      inner.length > widestMap &&
      isUniformMap(current)
    )
      widestMap = inner.length;
    for (const item of inner)
      if (
        typeof item === 'string'
          ? item.length > longestString
          : item !== null && typeof item === 'object'
      )
        stack.push([item, level + 1]);
  }
  return { depth, longestArray, widestMap, longestString };
}

/** The root array, or the array with the most items reachable through object keys. */
export function findTarget(data: unknown): JsonTarget | undefined {
  if (Array.isArray(data)) return { path: [], items: data };
  let best: JsonTarget | undefined;
  const queue: Array<{ value: unknown; path: string[] }> = [
    { value: data, path: [] },
  ];
  while (queue.length > 0) {
    const { value, path } = queue.shift()!;
    if (!isJsonObject(value) || path.length >= MAX_TARGET_DEPTH) continue;
    for (const [key, inner] of Object.entries(value)) {
      if (Array.isArray(inner)) {
        if (!best || inner.length > best.items.length)
          best = { path: [...path, key], items: inner };
      } else if (isJsonObject(inner))
        queue.push({ value: inner, path: [...path, key] });
    }
  }
  return best;
}

/** Where the value at `path` (object keys and array indices from the root) starts, or -1. */
function valueAt(text: string, path: ReadonlyArray<string | number>): number {
  let pos = skipSpace(text, 0);
  for (const step of path) {
    if (typeof step === 'number') {
      const element = arrayElementStart(text, pos, step);
      if (element < 0) return -1;
      pos = element;
      continue;
    }
    const members = objectMemberStarts(text, pos);
    // JSON.parse keeps the last of duplicate keys; so do we.
    const member = members
      ?.filter((candidate) => candidate.key === step)
      .at(-1);
    if (!member) return -1;
    pos = member.value;
  }
  return pos;
}

/**
 * `[start, end)` of each item of the array at `path` (object keys and array
 * indices from the root) in the original text, or undefined.
 */
export function locateItems(
  text: string,
  path: ReadonlyArray<string | number>,
): Array<[number, number]> | undefined {
  const pos = valueAt(text, path);
  return pos < 0 ? undefined : arrayElementSpans(text, pos);
}

/**
 * `[start, end)` of each member (`"key": value`) of the object at `path`,
 * in the order of `keys` (the parsed object's), or undefined when the text
 * does not hold them in that order: duplicate keys, or integer-like keys,
 * which a parsed object lists first. A run of members then is one run of
 * the text.
 */
export function locateMembers(
  text: string,
  path: ReadonlyArray<string | number>,
  keys: readonly string[],
): Array<[number, number]> | undefined {
  const pos = valueAt(text, path);
  const members = pos < 0 ? undefined : objectMemberStarts(text, pos);
  if (!members || members.length !== keys.length) return undefined;
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < keys.length; i++) {
    const member = members[i]!;
    if (member.key !== keys[i]) return undefined;
    spans.push([member.start, member.end]);
  }
  return spans;
}

/** The root value with the target array replaced by a placeholder, as compact JSON. */
export function stringifyAround(
  data: unknown,
  path: readonly string[],
  placeholder: string,
): string {
  const token = `\u0000sc-target\u0000`;
  const replace = (value: unknown, depth: number): unknown => {
    if (depth === path.length) return token;
    if (!isJsonObject(value)) return value;
    const copy: Record<string, unknown> = Object.create(null);
    for (const [key, inner] of Object.entries(value))
      copy[key] = key === path[depth] ? replace(inner, depth + 1) : inner;
    return copy;
  };
  return JSON.stringify(replace(data, 0)).replace(
    JSON.stringify(token),
    placeholder,
  );
}
