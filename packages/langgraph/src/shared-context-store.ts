import {
  BaseStore,
  type Item,
  type ListNamespacesOperation,
  type Operation,
  type OperationResults,
  type PutOperation,
  type SearchOperation,
} from '@langchain/langgraph';
import {
  type ContextEntry,
  InvalidArgumentError,
  type SharedContext,
  searchOriginal,
} from '@sharedcontext/core';

/** A search result (`@langchain/langgraph-checkpoint`'s `SearchItem`). */
type SearchItem = Item & { score?: number };

/** Options of {@link SharedContextStore}. */
export interface SharedContextStoreOptions {
  /** Where values live (any store driver underneath). */
  ctx: SharedContext;
  /** Prefix of the SharedContext keys this store uses. @default 'lgstore:' */
  keyPrefix?: string;
  /** The agent credited in stats, fixed or from the namespace. */
  agent?: string | ((namespace: string[]) => string | undefined);
}

/** `item.value` as {@link SharedContextStore} returns it from `get` and `search`. */
export interface CompressedItemValue {
  /** The value's JSON, compressed (markers name dropped parts). */
  compressed: string;
  /** The SharedContext key; `ctx.retrieve(key, { marker | query })` pulls originals back. */
  key: string;
  originalTokens: number;
  compressedTokens: number;
  savingsPercent: number;
  contentType: string;
}

/**
 * A LangGraph `BaseStore` backed by a SharedContext: `put` stores the value
 * (its JSON, byte for byte) and a compressed view; `get` and `search` return
 * items whose `value` is a {@link CompressedItemValue}; `getFull` returns
 * the original value. Any core store driver (memory, SQLite, Redis) works
 * under it; TTL and `maxEntries` are the SharedContext's. `createdAt` is
 * the last write time (SharedContext keeps one timestamp per entry). Search
 * `filter` matches top-level fields of the original value by equality; a
 * `query` keeps items with matching lines and ranks them by match count.
 *
 * @example
 * const store = new SharedContextStore({ ctx });
 * const graph = builder.compile({ store });
 * // in a node: (state, config) => config.store.put(['research'], 'hdfs', { log })
 * const item = await store.get(['research'], 'hdfs'); // item.value.compressed
 * const full = await store.getFull(['research'], 'hdfs'); // full.value.log, byte for byte
 */
export class SharedContextStore extends BaseStore {
  readonly #ctx: SharedContext;
  readonly #prefix: string;
  readonly #agent: SharedContextStoreOptions['agent'];

  constructor(options: SharedContextStoreOptions) {
    super();
    if (
      typeof options !== 'object' ||
      options === null ||
      typeof options.ctx?.put !== 'function'
    ) {
      throw new InvalidArgumentError({
        parameter: 'ctx',
        value: options?.ctx,
        message: 'SharedContextStore needs { ctx: SharedContext }',
      });
    }
    this.#ctx = options.ctx;
    this.#prefix = options.keyPrefix ?? 'lgstore:';
    this.#agent = options.agent;
  }

  /** Runs the operations in order; each result sits at its operation's index. */
  async batch<Op extends Operation[]>(
    operations: Op,
  ): Promise<OperationResults<Op>> {
    const results: unknown[] = [];
    for (const operation of operations) {
      if ('namespacePrefix' in operation)
        results.push(await this.#search(operation));
      else if ('value' in operation) results.push(await this.#put(operation));
      else if ('namespace' in operation)
        results.push(
          await this.#get(operation.namespace, operation.key, false),
        );
      else results.push(await this.#listNamespaces(operation));
    }
    return results as OperationResults<Op>;
  }

  /** Like `get`, but `item.value` is the original value, byte for byte as it was put. */
  async getFull(namespace: string[], key: string): Promise<Item | null> {
    return this.#get(namespace, key, true);
  }

  #keyOf(namespace: string[], key: string): string {
    if (
      !Array.isArray(namespace) ||
      namespace.some((label) => typeof label !== 'string' || label.length === 0)
    ) {
      throw new InvalidArgumentError({
        parameter: 'namespace',
        value: namespace,
        message: 'expected an array of non-empty strings',
      });
    }
    return this.#prefix + [...namespace, key].map(encodeURIComponent).join('/');
  }

  #parseKey(
    contextKey: string,
  ): { namespace: string[]; key: string } | undefined {
    if (!contextKey.startsWith(this.#prefix)) return undefined;
    const segments = contextKey
      .slice(this.#prefix.length)
      .split('/')
      .map(decodeURIComponent);
    const key = segments.pop();
    return key === undefined ? undefined : { namespace: segments, key };
  }

  async #put({ namespace, key, value }: PutOperation): Promise<void> {
    const contextKey = this.#keyOf(namespace, key);
    if (value === null) {
      await this.#ctx.delete(contextKey);
      return;
    }
    const agent =
      typeof this.#agent === 'function' ? this.#agent(namespace) : this.#agent;
    await this.#ctx.put(contextKey, value, agent ? { agent } : {});
  }

  async #get(
    namespace: string[],
    key: string,
    full: boolean,
  ): Promise<Item | null> {
    const entry = await this.#ctx.getEntry(this.#keyOf(namespace, key));
    return entry ? this.#toItem(namespace, key, entry, full) : null;
  }

  #toItem(
    namespace: string[],
    key: string,
    entry: ContextEntry,
    full: boolean,
  ): Item {
    const at = new Date(entry.timestamp * 1000);
    const value: Record<string, unknown> = full
      ? (JSON.parse(entry.original) as Record<string, unknown>)
      : ({
          compressed: entry.compressed,
          key: entry.key,
          originalTokens: entry.originalTokens,
          compressedTokens: entry.compressedTokens,
          savingsPercent: entry.savingsPercent,
          contentType: entry.contentType,
        } satisfies CompressedItemValue);
    return { namespace, key, value, createdAt: at, updatedAt: at };
  }

  async #entries(
    prefix: readonly string[],
  ): Promise<Array<{ namespace: string[]; key: string; contextKey: string }>> {
    const found = [];
    for (const contextKey of await this.#ctx.keys()) {
      const parsed = this.#parseKey(contextKey);
      if (
        parsed &&
        prefix.every((label, index) => parsed.namespace[index] === label)
      )
        found.push({ ...parsed, contextKey });
    }
    return found;
  }

  async #search({
    namespacePrefix,
    filter,
    limit = 10,
    offset = 0,
    query,
  }: SearchOperation): Promise<SearchItem[]> {
    const items: SearchItem[] = [];
    for (const { namespace, key, contextKey } of await this.#entries(
      namespacePrefix,
    )) {
      const entry = await this.#ctx.getEntry(contextKey);
      if (!entry) continue;
      if (filter) {
        const original = JSON.parse(entry.original) as Record<string, unknown>;
        if (
          !Object.entries(filter).every(
            ([field, wanted]) =>
              JSON.stringify(original[field]) === JSON.stringify(wanted),
          )
        )
          continue;
      }
      const item: SearchItem = this.#toItem(namespace, key, entry, false);
      if (query) {
        const score = searchOriginal(entry.original, query).length;
        if (score === 0) continue;
        item.score = score;
      }
      items.push(item);
    }
    if (query) items.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    return items.slice(offset, offset + limit);
  }

  async #listNamespaces({
    matchConditions = [],
    maxDepth,
    limit,
    offset,
  }: ListNamespacesOperation): Promise<string[][]> {
    const matches = (
      namespace: string[],
      path: readonly string[],
      fromEnd: boolean,
    ) => {
      if (path.length > namespace.length) return false;
      const part = fromEnd
        ? namespace.slice(namespace.length - path.length)
        : namespace.slice(0, path.length);
      return path.every(
        (label, index) => label === '*' || label === part[index],
      );
    };
    const seen = new Map<string, string[]>();
    for (const { namespace } of await this.#entries([])) {
      if (
        !matchConditions.every((condition) =>
          matches(namespace, condition.path, condition.matchType === 'suffix'),
        )
      )
        continue;
      const shown =
        maxDepth === undefined ? namespace : namespace.slice(0, maxDepth);
      seen.set(JSON.stringify(shown), shown);
    }
    return [...seen.values()]
      .sort((a, b) => a.join('/').localeCompare(b.join('/')))
      .slice(offset, offset + limit);
  }
}
