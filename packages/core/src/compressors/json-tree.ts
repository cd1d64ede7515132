import type { MarkerSink } from '../retrieval/index.ts';
import { formatCell, isJsonObject, type JsonObject } from './json-cell.ts';
import { isUniformMap } from './json-locate.ts';
import { choosePrefixes, PrefixTable } from './json-prefix.ts';
import { renderSample } from './json-render.ts';
import { runNotation } from './json-runs.ts';
import { renderTable } from './json-table.ts';

/**
 * The whole document as an indented outline (YAML-like), losslessly: object
 * members one per line, arrays of objects as tables at any depth, scalar
 * arrays in run notation, and every object repeated verbatim (the same
 * `user` or `owner` in each item) defined once as `&user1:` and referenced
 * as `*user1`. See docs/compressors/json.md.
 */

/** Options of {@link renderTree}. */
export interface RenderTreeOptions {
  /** Repeated objects at least this long as minified JSON are defined once and referenced. */
  minRefChars: number;
  /** Nested objects with up to this many keys, the same in every row, become dotted table columns. */
  maxFlattenKeys: number;
  /** At most this many shared URL/path prefixes are named (`$1`); 0 names none. */
  maxPrefixes: number;
  /**
   * Lossy: arrays longer than `sample.maxItems`, and maps wider, at any
   * depth, are sampled, and strings longer than {@link MAX_STRING_CHARS}
   * clipped.
   */
  sample?: TreeSample;
}

/** How a lossy outline samples long arrays. */
export interface TreeSample {
  /** Arrays with more items than this, and maps with more members, are sampled. */
  maxItems: number;
  /** Kept item indices, ascending. */
  select: (items: readonly unknown[]) => number[];
  /** `[start, end)` of each item of the array at `path` in the original text. */
  locate: (path: readonly Step[]) => Array<[number, number]> | undefined;
  /** `[start, end)` of each member of the object at `path`, in the order of `keys`. */
  locateMembers: (
    path: readonly Step[],
    keys: readonly string[],
  ) => Array<[number, number]> | undefined;
  markers: MarkerSink;
  /** More dropped runs than this in one array share one marker. */
  maxMarkers: number;
}

/** A rendered tree and how many shared objects it defines. */
export interface TreeView {
  text: string;
  refs: number;
  /** Named prefixes (`$1`…). */
  prefixes: number;
  /** Arrays sampled (lossy outline only). */
  sampled: number;
  /** Maps sampled (lossy outline only). */
  sampledMaps: number;
  /** Long strings clipped (lossy outline only). */
  clippedStrings: number;
}

/**
 * In a lossy outline, a string longer than this (a file's source, a page,
 * a base64 blob) keeps its head and leaves the rest behind a marker.
 */
export const MAX_STRING_CHARS = 2000;
/** The head a clipped string keeps. */
const KEPT_STRING_CHARS = 400;
/** Where a clipped string's marker goes, until the text is final. */
const CLIP_PLACEHOLDER = /\u0000(\d+)\u0000/g;

/** The field a map member's key takes while the sample chooses members. */
const KEY_FIELD = '(key)';

/** An object key or an array index on the way to a value. */
export type Step = string | number;

const INDENT = '  ';
/** Objects with more members than this stay one member per line. */
const MAX_INLINE_MEMBERS = 6;
/** What a `<<: *name` line costs an object using a base, in characters. */
const MERGE_COST = 16;
/** A reference to a definition: `*user1`, `<<: *headers1`, `<<:*headers1`. */
const REFERENCE = /\*([\w-]+)/g;
/**
 * A table is used only when its nested cells (compact JSON) stay this
 * short: a row carrying a whole nested list reads worse, and costs more
 * tokens, than the outline with its own tables.
 */
const MAX_NESTED_CELL = 80;
/**
 * A table may be this much longer (in characters) than the list and still
 * be chosen: it spends its characters on values, which cost fewer tokens
 * per character than the keys and indentation the list repeats.
 */
const TABLE_BIAS = 1.15;
/** From this many objects on, an acceptable table is taken without writing the list to compare. */
const TABLE_ROWS = 8;
const BARE_KEY = /^[\w$@.+/-]+$/;
// A block value is bare unless it could be misread: empty, padded, holding
// a control character, opening like JSON, a quote or a reference, or
// reading as a literal.
const QUOTE_VALUE =
  /^$|^\s|\s$|[\u0000-\u001f]|^["[{&*]|^\$\d|^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/;

function keyText(key: string): string {
  return BARE_KEY.test(key) && !/^(-$|[&*$])/.test(key)
    ? key
    : JSON.stringify(key);
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * Finds objects repeated verbatim by hash-consing: each container gets an
 * id from its members' literals and children's ids, so the work is linear
 * in the document's size. Recursion is bounded by the caller's depth guard.
 */
class SharedObjects {
  private readonly ids = new Map<object, number>();
  private readonly bySignature = new Map<string, number>();
  private readonly sizes: number[] = [];
  readonly names = new Map<number, string>();
  readonly order: object[] = [];
  /** Merge bases: the object each one came from (by identity) and which keys it covers. */
  readonly bases = new Map<object, { name: string; keys: Set<string> }>();
  readonly baseOrder: Array<{ name: string; value: JsonObject }> = [];
  private readonly usedNames = new Set<string>();
  /** Each container's parent and its key or index there, where it is first met. */
  private readonly parents = new Map<object, [object, Step]>();
  /** Strings in the order they are written (each shared object once). */
  readonly strings: string[] = [];

  private readonly root: unknown;

  constructor(data: unknown, minChars: number) {
    this.root = data;
    this.intern(data);
    const visits: number[] = [];
    const firstKey = new Map<number, string>();
    const firstValue = new Map<number, object>();
    // Count occurrences again, not descending into a repeat: an object
    // that only ever appears inside one shared object is defined with it.
    type Entry = [unknown, string, boolean, object | undefined, Step];
    const stack: Entry[] = [[data, 'item', false, undefined, 0]];
    const sequence: number[] = [];
    // Objects that are a member's value, by key, for merge bases.
    const byKey = new Map<string, JsonObject[]>();
    while (stack.length > 0) {
      const [value, key, isMember, parent, step] = stack.pop()!;
      if (!isContainer(value)) {
        if (typeof value === 'string') this.strings.push(value);
        continue;
      }
      const id = this.ids.get(value)!;
      visits[id] = (visits[id] ?? 0) + 1;
      if (isMember && isJsonObject(value)) {
        const group = byKey.get(key);
        if (group) group.push(value);
        else byKey.set(key, [value]);
      }
      if (parent !== undefined && !this.parents.has(value))
        this.parents.set(value, [parent, step]);
      // Arrays are never shared (always written in place), so a repeated
      // array is walked again; a repeated object is not.
      if (visits[id]! > 1 && !Array.isArray(value)) continue;
      if (visits[id] === 1) {
        firstKey.set(id, key);
        firstValue.set(id, value);
        sequence.push(id);
      }
      const entries: Entry[] = Array.isArray(value)
        ? value.map((inner, index) => [inner, key, false, value, index])
        : Object.entries(value).map(([name, inner]) => [
            inner,
            name,
            true,
            value,
            name,
          ]);
      for (let index = entries.length - 1; index >= 0; index--)
        stack.push(entries[index]!);
    }
    const counters = new Map<string, number>();
    for (const id of sequence) {
      const value = firstValue.get(id)!;
      if (
        Array.isArray(value) ||
        (visits[id] ?? 0) < 2 ||
        this.sizes[id]! < minChars
      )
        continue;
      const base =
        (firstKey.get(id) ?? 'item').replace(/[^\w-]/g, '').slice(0, 24) ||
        'obj';
      const count = (counters.get(base) ?? 0) + 1;
      counters.set(base, count);
      this.names.set(id, `${base}${count}`);
      this.usedNames.add(`${base}${count}`);
      this.order.push(value);
    }
    for (const [key, group] of byKey) this.findBase(key, group, minChars);
  }

  /**
   * Objects under the same key (`headers` of each response) that share
   * members: the shared members become one base, `&headers1:`, and each
   * object lists `<<: *headers1` and only its own members.
   */
  private findBase(
    key: string,
    group: readonly JsonObject[],
    minChars: number,
  ): void {
    const members = group.filter((value) => this.nameOf(value) === undefined);
    const distinct = new Set(members.map((value) => this.ids.get(value)));
    if (distinct.size < 2) return;
    // Each (member name, value) pair, by how many objects hold it.
    const signatures = members.map((value) => {
      const bySignature = new Map<string, string>();
      for (const [name, inner] of Object.entries(value))
        bySignature.set(name, this.signatureOf(inner));
      return bySignature;
    });
    const pairs = new Map<
      string,
      { name: string; signature: string; count: number; size: number }
    >();
    members.forEach((value, index) => {
      for (const [name, signature] of signatures[index]!) {
        const id = `${name}\u0000${signature}`;
        const pair = pairs.get(id);
        if (pair) pair.count++;
        else {
          const inner = value[name];
          const size =
            name.length +
            4 +
            (isContainer(inner) ? this.sizeOf(inner) : signature.length);
          pairs.set(id, { name, signature, count: 1, size });
        }
      }
    });
    // The most widely held pairs first (one value per name); the base is
    // the top k of them for the k that saves most, and its users the
    // objects holding all k (an object missing one is written whole).
    const taken = new Set<string>();
    const ranked = [...pairs.values()]
      .filter((pair) => pair.count >= 2)
      .sort((a, b) => b.count - a.count)
      .filter((pair) => !taken.has(pair.name) && taken.add(pair.name));
    let users = members.map((_, index) => index);
    let size = 0;
    let best: { k: number; users: number[]; size: number; gain: number } = {
      k: 0,
      users: [],
      size: 0,
      gain: 0,
    };
    ranked.forEach((pair, index) => {
      users = users.filter(
        (user) => signatures[user]!.get(pair.name) === pair.signature,
      );
      size += pair.size;
      const gain = size * (users.length - 1) - MERGE_COST * users.length;
      if (users.length >= 2 && size >= 2 * minChars && gain > best.gain)
        best = { k: index + 1, users, size, gain };
    });
    if (best.k === 0) return;
    const keys = new Set(ranked.slice(0, best.k).map((pair) => pair.name));
    const first = members[best.users[0]!]!;
    const base: JsonObject = Object.create(null);
    for (const [name, inner] of Object.entries(first))
      if (keys.has(name)) base[name] = inner;
    const prefix = key.replace(/[^\w-]/g, '').slice(0, 24) || 'obj';
    let count = 1;
    while (this.usedNames.has(`${prefix}${count}`)) count++;
    const name = `${prefix}${count}`;
    this.usedNames.add(name);
    this.baseOrder.push({ name, value: base });
    for (const user of best.users)
      this.bases.set(members[user]!, { name, keys });
  }

  private signatureOf(value: unknown): string {
    if (isContainer(value)) {
      const id = this.ids.get(value)!;
      return `#${id}:${this.sizes[id]}`;
    }
    return JSON.stringify(value) ?? 'null';
  }

  /** Object keys and array indices from the root to where `value` is first met, or undefined. */
  pathOf(value: object): Step[] | undefined {
    const path: Step[] = [];
    let current = value;
    for (
      let step = this.parents.get(current);
      step !== undefined;
      step = this.parents.get(current)
    ) {
      path.push(step[1]);
      current = step[0];
    }
    return current === this.root ? path.reverse() : undefined;
  }

  /** Length of a container as minified JSON. */
  sizeOf(value: object): number {
    return this.sizes[this.ids.get(value)!] ?? 0;
  }

  /** The reference name of a shared object, or undefined. */
  nameOf(value: object): string | undefined {
    const id = this.ids.get(value);
    return id === undefined ? undefined : this.names.get(id);
  }

  private intern(value: object | unknown): number {
    if (!isContainer(value)) return -1;
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    let size = 2;
    const parts: string[] = [];
    const add = (prefix: string, inner: unknown): void => {
      if (isContainer(inner)) {
        const id = this.intern(inner);
        size += this.sizes[id]!;
        parts.push(`${prefix}#${id}`);
      } else {
        const literal = JSON.stringify(inner) ?? 'null';
        size += literal.length;
        parts.push(`${prefix}${literal}`);
      }
    };
    if (Array.isArray(value)) {
      for (const inner of value) add('', inner);
      size += Math.max(0, value.length - 1);
    } else {
      const entries = Object.entries(value);
      for (const [key, inner] of entries) {
        const literal = JSON.stringify(key);
        size += literal.length + 1;
        add(`${literal}:`, inner);
      }
      size += Math.max(0, entries.length - 1);
    }
    const signature = `${Array.isArray(value) ? '[' : '{'}${parts.join(',')}`;
    let id = this.bySignature.get(signature);
    if (id === undefined) {
      id = this.sizes.length;
      this.sizes.push(size);
      this.bySignature.set(signature, id);
    }
    this.ids.set(value, id);
    return id;
  }
}

class TreeWriter {
  private readonly shared: SharedObjects;
  private readonly options: RenderTreeOptions;
  private readonly prefixes: PrefixTable;

  constructor(
    shared: SharedObjects,
    options: RenderTreeOptions,
    prefixes: PrefixTable,
  ) {
    this.shared = shared;
    this.options = options;
    this.prefixes = prefixes;
  }

  /** A string as written bare, with its named prefix shortened. */
  private bare(value: string): string {
    return this.prefixes.shorten(value) ?? value;
  }

  /**
   * The dropped tails of clipped strings, by placeholder number. A
   * rendering may be written twice (a table and a list, to compare) and
   * one discarded: the markers are made at the end, for the placeholders
   * the kept text holds, in its order (`\u0000n\u0000`: every string the
   * outline writes bare or quoted escapes a NUL, so none is mistaken).
   */
  readonly clips: string[] = [];

  /**
   * A long string in a lossy outline: its head, quoted and ended with `…`,
   * then a placeholder for the marker holding the rest; undefined when it
   * stays whole.
   */
  private clipped(value: unknown): string | undefined {
    if (!this.options.sample || typeof value !== 'string') return undefined;
    if (value.length <= MAX_STRING_CHARS) return undefined;
    let cut = KEPT_STRING_CHARS;
    // Never between the halves of a surrogate pair.
    const code = value.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    this.clips.push(value.slice(cut));
    return `${JSON.stringify(`${value.slice(0, cut)}…`)}\u0000${this.clips.length - 1}\u0000`;
  }

  scalar(value: unknown): string {
    if (typeof value !== 'string') return JSON.stringify(value) ?? 'null';
    const clipped = this.clipped(value);
    if (clipped !== undefined) return clipped;
    return QUOTE_VALUE.test(value) ? JSON.stringify(value) : this.bare(value);
  }

  /** Compact JSON, shared objects written as `*name`. */
  flow(value: unknown): string {
    if (!isContainer(value))
      return this.clipped(value) ?? JSON.stringify(value) ?? 'null';
    const name = this.shared.nameOf(value);
    if (name) return `*${name}`;
    if (Array.isArray(value))
      return `[${value.map((inner) => this.flow(inner)).join(',')}]`;
    // A real `<<` key would read as a merge: such an object is written whole.
    const base = Object.hasOwn(value, '<<')
      ? undefined
      : this.shared.bases.get(value);
    const parts = base ? [`<<:*${base.name}`] : [];
    for (const [key, inner] of Object.entries(value))
      if (!base?.keys.has(key))
        parts.push(`${JSON.stringify(key)}:${this.flow(inner)}`);
    return `{${parts.join(',')}}`;
  }

  /** Arrays sampled so far. */
  sampled = 0;
  /** Maps sampled so far. */
  sampledMaps = 0;

  /** The longest nested (JSON) cell of the table being written. */
  private nestedCell = 0;

  cell = (value: unknown): string => {
    if (value === undefined) return '';
    if (isContainer(value)) {
      const text = this.flow(value);
      if (text.length > this.nestedCell && text[0] !== '*')
        this.nestedCell = text.length;
      return text;
    }
    if (typeof value !== 'string') return formatCell(value);
    const clipped = this.clipped(value);
    if (clipped !== undefined) return clipped;
    const text = formatCell(value);
    if (text !== value || /^([&*]|\$\d)/.test(value))
      return JSON.stringify(value);
    return this.bare(value);
  };

  flattenable = (value: JsonObject): boolean =>
    this.shared.nameOf(value) === undefined;

  /** Lines of an object's members at `indent`; `<<: *base` first when it has a base. */
  object(value: JsonObject, indent: string, out: string[]): void {
    const base = this.shared.bases.get(value);
    if (base) out.push(`${indent}<<: *${base.name}`);
    for (const [key, inner] of Object.entries(value))
      if (!base?.keys.has(key)) this.member(keyText(key), inner, indent, out);
  }

  /** One member (or the root, with an empty label) and its nested lines. */
  member(label: string, value: unknown, indent: string, out: string[]): void {
    const colon = label === '' ? '' : ': ';
    if (!isContainer(value)) {
      // A bare list item (or root) reading like a member, an item, a
      // prefix or a definition is quoted.
      const text =
        label === '' &&
        typeof value === 'string' &&
        /[:[{]|^-( |$)|^[$&]/.test(value)
          ? JSON.stringify(value)
          : this.scalar(value);
      out.push(`${indent}${label}${colon}${text}`);
      return;
    }
    const name = this.shared.nameOf(value);
    if (name) {
      out.push(`${indent}${label}${colon}*${name}`);
      return;
    }
    if (Array.isArray(value)) {
      this.array(label, value, indent, out);
      return;
    }
    const keys = Object.keys(value);
    if (keys.length === 0) {
      out.push(`${indent}${label}${colon}{}`);
      return;
    }
    if (this.sampledMap(label, value as JsonObject, indent, out)) return;
    if (label !== '' && this.inline(label, value as JsonObject, indent, out))
      return;
    if (label !== '' && this.keyed(label, value as JsonObject, indent, out))
      return;
    if (label !== '') {
      out.push(`${indent}${label}:`);
      this.object(value as JsonObject, indent + INDENT, out);
    } else this.object(value as JsonObject, indent, out);
  }

  /**
   * A small object of scalars as one flow line (`pool: {"min":2,"max":35}`):
   * in o200k a line per member costs more than the member's quotes (on the
   * corpus outlines 1–3 % fewer tokens; the estimate cannot see this).
   */
  private inline(
    label: string,
    value: JsonObject,
    indent: string,
    out: string[],
  ): boolean {
    const members = Object.values(value);
    if (members.length > MAX_INLINE_MEMBERS || members.some(isContainer))
      return false;
    out.push(`${indent}${label}: ${this.flow(value)}`);
    return true;
  }

  /** A sampled array's or map's lines (see `renderSample`), indented under `label`. */
  private writeSample(
    sample: TreeSample,
    items: readonly unknown[],
    view: {
      label: string;
      kept: readonly number[];
      spans: Array<[number, number]> | undefined;
      keys?: readonly string[];
    },
    indent: string,
    out: string[],
  ): void {
    const { text } = renderSample(items, {
      name: view.label,
      kept: view.kept,
      markers: sample.markers,
      maxMarkers: sample.maxMarkers,
      table: {
        format: this.cell,
        flattenable: this.flattenable,
        maxFlattenKeys: this.options.maxFlattenKeys,
        types: false,
      },
      ...(view.spans ? { spans: view.spans } : {}),
      ...(view.keys ? { keys: view.keys } : {}),
    });
    text.split('\n').forEach((line, index) => {
      out.push(`${index === 0 ? indent : indent + INDENT}${line}`);
    });
  }

  /**
   * A wide map (see `isUniformMap`: every member a record, or every member
   * a scalar of one type) in a lossy outline, sampled as a long array is:
   * `label{N entries, K shown}{(key),…}` with the kept members' keys, and
   * a marker for each dropped run whose span is those members' text. The
   * key takes part in the choice, so a query naming it keeps its entry.
   */
  sampledMap(
    label: string,
    value: JsonObject,
    indent: string,
    out: string[],
  ): boolean {
    const sample = this.options.sample;
    const keys = Object.keys(value);
    if (!sample || keys.length <= sample.maxItems || !isUniformMap(value))
      return false;
    const members = Object.values(value);
    const kept = sample.select(
      members.map((member, index) =>
        isJsonObject(member)
          ? { [KEY_FIELD]: keys[index], ...member }
          : { [KEY_FIELD]: keys[index], value: member },
      ),
    );
    const path = this.shared.pathOf(value);
    const spans = path ? sample.locateMembers(path, keys) : undefined;
    this.writeSample(
      sample,
      members,
      { label, kept, spans, keys },
      indent,
      out,
    );
    this.sampledMaps++;
    return true;
  }

  /**
   * An object whose members are all records (`{"flag_a":{…},"flag_b":{…}}`)
   * as one table with a key column: `label{N}{(key),enabled,…}`. Taken as
   * an array's table is; false when the members are written one by one.
   */
  private keyed(
    label: string,
    value: JsonObject,
    indent: string,
    out: string[],
  ): boolean {
    const keys = Object.keys(value);
    const records = Object.values(value);
    if (
      keys.length < 2 ||
      !records.every(
        (record) => isJsonObject(record) && !this.shared.nameOf(record),
      ) ||
      !records.some((record) => Object.keys(record as JsonObject).length > 0) ||
      this.hasLongCell(records)
    )
      return false;
    this.nestedCell = 0;
    const table = renderTable(records as JsonObject[], {
      label: `${label}{${keys.length}}`,
      keys,
      collapseRepeats: true,
      maxFlattenKeys: this.options.maxFlattenKeys,
      flattenable: this.flattenable,
      format: this.cell,
      types: false,
    });
    if (this.nestedCell > MAX_NESTED_CELL) return false;
    const rows = table.map(
      (line, index) => `${index === 0 ? indent : indent + INDENT}${line}`,
    );
    if (keys.length < TABLE_ROWS) {
      const block = [`${indent}${label}:`];
      this.object(value, indent + INDENT, block);
      if (length(rows) > length(block) * TABLE_BIAS) {
        for (const line of block) out.push(line);
        return true;
      }
    }
    for (const row of rows) out.push(row);
    return true;
  }

  array(
    label: string,
    items: readonly unknown[],
    indent: string,
    out: string[],
  ): void {
    const head = `${label}[${items.length}]`;
    if (items.length === 0) {
      out.push(`${indent}${head}`);
      return;
    }
    const sample = this.options.sample;
    if (sample && items.length > sample.maxItems) {
      const path = this.shared.pathOf(items);
      const spans = path ? sample.locate(path) : undefined;
      this.writeSample(
        sample,
        items,
        {
          label,
          kept: sample.select(items),
          spans: spans && spans.length === items.length ? spans : undefined,
        },
        indent,
        out,
      );
      this.sampled++;
      return;
    }
    if (items.every((item) => !isContainer(item))) {
      out.push(`${indent}${head}: ${runNotation(items)}`);
      return;
    }
    let rows: string[] | undefined;
    if (
      items.every(isJsonObject) &&
      items.some((item) => Object.keys(item as JsonObject).length > 0) &&
      !this.hasLongCell(items)
    ) {
      this.nestedCell = 0;
      const table = renderTable(items as JsonObject[], {
        label: head,
        collapseRepeats: true,
        maxFlattenKeys: this.options.maxFlattenKeys,
        flattenable: this.flattenable,
        format: this.cell,
        types: false,
      });
      if (this.nestedCell <= MAX_NESTED_CELL) {
        rows = table.map(
          (line, index) => `${index === 0 ? indent : indent + INDENT}${line}`,
        );
        // Many rows: the table wins; no need to write the list to compare.
        if (items.length >= TABLE_ROWS) {
          for (const row of rows) out.push(row);
          return;
        }
      }
    }
    const mark = sample?.markers.spans.length ?? 0;
    const list = [`${indent}${head}:`];
    for (const item of items) this.listItem(item, indent + INDENT, list);
    if (rows && length(rows) <= length(list) * TABLE_BIAS) {
      // Markers of arrays sampled inside the list are not shown.
      sample?.markers.truncate(mark);
      for (const row of rows) out.push(row);
      return;
    }
    for (const line of list) out.push(line);
  }

  /**
   * True when some item holds a nested value a table could not flatten
   * (an array, or an object with nested values or too many keys) longer
   * than a table cell may be: the table would be discarded, so it is not
   * written (writing it would stringify the whole subtree).
   */
  private hasLongCell(items: readonly unknown[]): boolean {
    for (const item of items)
      for (const inner of Object.values(item as JsonObject)) {
        if (!isContainer(inner) || this.shared.nameOf(inner)) continue;
        if (this.shared.sizeOf(inner) <= MAX_NESTED_CELL) continue;
        // A list of flat records may become nested rows (`[a,1;b,2]`).
        if (Array.isArray(inner)) {
          if (inner.every((element) => this.flatRecord(element))) continue;
          return true;
        }
        const values = Object.values(inner);
        if (
          values.length > this.options.maxFlattenKeys ||
          values.some(isContainer)
        )
          return true;
      }
    return false;
  }

  private flatRecord(value: unknown): boolean {
    return (
      isJsonObject(value) &&
      !this.shared.nameOf(value) &&
      Object.values(value).every((inner) => !isContainer(inner))
    );
  }

  /** An array item as `- ` and its lines, continuation indented under it. */
  listItem(item: unknown, indent: string, out: string[]): void {
    const start = out.length;
    const inner = indent + INDENT;
    if (isJsonObject(item) && !this.shared.nameOf(item)) {
      if (Object.keys(item).length === 0) out.push(`${inner}{}`);
      else this.object(item, inner, out);
    } else if (Array.isArray(item) && !this.shared.nameOf(item))
      this.array('', item, inner, out);
    else this.member('', item, inner, out);
    out[start] = `${indent}- ${out[start]!.slice(inner.length)}`;
  }
}

function length(lines: readonly string[]): number {
  let total = 0;
  for (const line of lines) total += line.length + 1;
  return total;
}

/** What an outline knows of a document before writing it; reusable across renders. */
export interface TreeAnalysis {
  readonly data: unknown;
}

interface Analysis extends TreeAnalysis {
  shared: SharedObjects;
  prefixes: PrefixTable;
}

/**
 * Finds the shared objects, merge bases and prefixes of `data` once, so a
 * lossless and a sampled outline of the same document share the work.
 */
export function analyzeTree(
  data: unknown,
  options: Pick<RenderTreeOptions, 'minRefChars' | 'maxPrefixes'>,
): TreeAnalysis {
  const shared = new SharedObjects(data, options.minRefChars);
  const prefixes = new PrefixTable(
    choosePrefixes(shared.strings, {
      maxPrefixes: options.maxPrefixes,
      minGain: options.minRefChars,
    }),
  );
  const analysis: Analysis = { data, shared, prefixes };
  return analysis;
}

/**
 * The document as an outline: shared-object definitions (`&user1:` and the
 * object's members indented under it) first, then the root.
 */
export function renderTree(
  data: unknown,
  options: RenderTreeOptions,
  analysis: TreeAnalysis = analyzeTree(data, options),
): TreeView {
  const { shared, prefixes } = analysis as unknown as Analysis;
  const writer = new TreeWriter(shared, options, prefixes);
  const out: string[] = prefixes.prefixes.map(
    (prefix, index) =>
      `$${index + 1}: ${QUOTE_VALUE.test(prefix) ? JSON.stringify(prefix) : prefix}`,
  );
  const body: string[] = [];
  if (isJsonObject(data) && Object.keys(data).length > 0) {
    if (!writer.sampledMap('', data, '', body)) writer.object(data, '', body);
  }
  // A scalar or empty root is written as JSON (`[0]` would read as an
  // array holding 0).
  else if (!isContainer(data) || (Array.isArray(data) && data.length === 0))
    body.push(JSON.stringify(data));
  else writer.member('', data, '', body);
  // Only definitions the text refers to are written: a base whose objects
  // all became table columns, or a shared object met only in items a
  // sample dropped, is not. References are `*name` and `<<: *name`.
  const definitions = [
    ...shared.order.map((value) => ({
      name: shared.nameOf(value)!,
      value: value as JsonObject,
    })),
    ...shared.baseOrder,
  ];
  const used = new Set<string>();
  const scan = (lines: readonly string[]): void => {
    for (const line of lines)
      if (line.includes('*'))
        for (const match of line.matchAll(REFERENCE)) used.add(match[1]!);
  };
  scan(body);
  const written = new Map<string, string[]>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const { name, value } of definitions) {
      if (!used.has(name) || written.has(name)) continue;
      const lines = [`&${name}:`];
      writer.object(value, INDENT, lines);
      written.set(name, lines);
      scan(lines);
      grew = true;
    }
  }
  for (const { name } of definitions)
    for (const line of written.get(name) ?? []) out.push(line);
  for (const line of body) out.push(line);
  // Each clipped string the text holds gets its marker, in text order.
  let clippedStrings = 0;
  const text = out.join('\n').replace(CLIP_PLACEHOLDER, (_, index: string) => {
    clippedStrings++;
    const rest = writer.clips[Number(index)]!;
    return options.sample!.markers.drop({
      summary: `${rest.length} more characters omitted`,
      text: rest,
    });
  });
  return {
    text,
    refs: written.size,
    prefixes: prefixes.prefixes.length,
    sampled: writer.sampled,
    sampledMaps: writer.sampledMaps,
    clippedStrings,
  };
}
