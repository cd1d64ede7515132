import { resolvePipelineOptions } from './compress.ts';
import {
  type Compressor,
  createRouter,
  type Router,
} from './compressors/index.ts';
import {
  installedAndDefaultCompressors,
  loadInstalledCompressors,
} from './compressors/installed-compressors.ts';
import {
  type AgentStats,
  type ContextEntry,
  type SharedContextStats,
  savingsPercent,
} from './context-entry.ts';
import { DEFAULTS } from './defaults.ts';
import type { ContentDetector } from './detect/index.ts';
import {
  EntryNotFoundError,
  InvalidArgumentError,
  NotReadyError,
  StoreDriverError,
  type StoreOperation,
} from './errors/index.ts';
import {
  type PipelineResult,
  runPipeline,
  runPipelineSync,
} from './pipeline/index.ts';
import { parseMarker, searchOriginal, spanText } from './retrieval/index.ts';
import {
  decodeEntry,
  decodeMeta,
  encodeEntry,
  memoryDriver,
  type StoreDriver,
  type StoredMeta,
  type StoredRecord,
} from './store/index.ts';
import { type Tokenizer, tokenizerForModel } from './tokenizer/index.ts';
import type { ContentType } from './types.ts';
import { runAsync, runSync, type Steps } from './util/run-steps.ts';
import { serializeContent } from './util/serialize-content.ts';
import {
  assertKey,
  assertNumber,
  assertOptionalString,
} from './util/validate.ts';

/** Options of `new SharedContext(...)`; every default lives in `DEFAULTS`. */
export interface SharedContextOptions {
  /** Model whose tokenizer counts tokens. @default 'claude-sonnet-4-5-20250929' */
  model?: string;
  /** Seconds an entry lives after its last write; 0 expires at once. @default 3600 */
  ttl?: number;
  /** Entries kept; the least recently written is evicted beyond it. @default 100 */
  maxEntries?: number;
  /** Where entries live. @default memoryDriver() */
  store?: StoreDriver;
  /** Clock in epoch milliseconds (a test seam). @default Date.now */
  now?: () => number;
  /** Overrides the model's tokenizer. */
  tokenizer?: Tokenizer;
  /**
   * Compressors in router order; put yours first. An explicit list is used
   * as given. @default the installed plug-ins (`@sharedcontext/compressor-code`
   * when installed, loaded by `ready()` and the first `put()`), then
   * `defaultCompressors()`
   */
  compressors?: readonly Compressor[];
  /** Detectors in order. @default defaultDetectors() */
  detectors?: readonly ContentDetector[];
  /** Content under this many tokens is stored as is. @default 250 */
  minTokens?: number;
  /** A compressor must save this fraction of tokens to be taken. @default 0.05 */
  minSavings?: number;
}

/** Options of {@link SharedContext.put}. */
export interface PutOptions {
  /** The agent writing; shown on the entry and in per-agent stats. */
  agent?: string;
  /** What the next agent will look for: matching lines and items are kept. */
  query?: string;
  /** Route as this type instead of detecting. */
  contentType?: ContentType;
}

/** Options of {@link SharedContext.get}. */
export interface GetOptions {
  /** Return the original, byte for byte, instead of the compressed text. @default false */
  full?: boolean;
}

/** Options of {@link SharedContext.retrieve}: a marker, a query, or neither (the full original). */
export interface RetrieveOptions {
  /** A marker copied from compressed text (`[… · sc:key#3 …]`, `sc:key#3` or `key#3`). */
  marker?: string;
  /** Returns the original lines (JSON: items) matching the query. */
  query?: string;
  /** With `query`: at most this many lines or items. @default 200 */
  limit?: number;
}

interface PendingWrite {
  entry: ContextEntry;
  record: StoredRecord;
  promise: Promise<void>;
  error?: unknown;
}

/**
 * A store of context shared between agents: each `put` keeps the original
 * and a compressed version; agents read the compressed one and pull the
 * original, or just a dropped part, on demand.
 *
 * @example
 * const ctx = new SharedContext();
 * const entry = await ctx.put('research', researcherOutput, { agent: 'researcher' });
 * const forNextAgent = await ctx.get('research');            // compressed
 * const original = await ctx.get('research', { full: true }); // byte for byte
 */
export class SharedContext {
  readonly model: string;
  readonly ttl: number;
  readonly maxEntries: number;
  readonly #store: StoreDriver;
  readonly #now: () => number;
  readonly #tokenizer: Tokenizer;
  #router: Router;
  // Undefined when no list was given: the installed plug-ins plus the
  // built-ins, rebuilt once the plug-ins have loaded.
  readonly #compressors: readonly Compressor[] | undefined;
  readonly #minSavings: number;
  readonly #detectors: readonly ContentDetector[] | undefined;
  readonly #minTokens: number;
  // Writes go through one queue so eviction and `maxEntries` see them in
  // order: concurrent puts never overfill.
  #queue: Promise<unknown> = Promise.resolve();
  // putSync on an async store: accepted entries not yet confirmed written.
  readonly #pending = new Map<string, PendingWrite>();
  #prepared = false;

  constructor(options: SharedContextOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError({
        parameter: 'options',
        value: options,
        message: 'expected an options object',
      });
    }
    assertOptionalString(options.model, 'model', { nonEmpty: true });
    assertNumber(options.ttl, 'ttl', { min: 0 });
    assertNumber(options.maxEntries, 'maxEntries', { min: 1, integer: true });
    assertNumber(options.minTokens, 'minTokens', { min: 0 });
    if (
      options.store !== undefined &&
      (typeof options.store !== 'object' ||
        options.store === null ||
        options.store.specificationVersion !== 'v1')
    ) {
      throw new InvalidArgumentError({
        parameter: 'store',
        value: options.store,
        message: "expected a StoreDriver with specificationVersion 'v1'",
      });
    }
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw new InvalidArgumentError({
        parameter: 'now',
        value: options.now,
        message: 'expected a function returning epoch milliseconds',
      });
    }
    this.model = options.model ?? DEFAULTS.model;
    this.ttl = options.ttl ?? DEFAULTS.ttl;
    this.maxEntries = options.maxEntries ?? DEFAULTS.maxEntries;
    this.#store = options.store ?? memoryDriver();
    this.#now = options.now ?? Date.now;
    this.#tokenizer = options.tokenizer ?? tokenizerForModel(this.model);
    this.#compressors = options.compressors;
    this.#minSavings = options.minSavings ?? DEFAULTS.minSavings;
    this.#detectors = options.detectors;
    this.#minTokens = options.minTokens ?? DEFAULTS.minTokens;
    this.#router = createRouter({
      compressors: this.#compressors ?? installedAndDefaultCompressors(),
      minSavings: this.#minSavings,
    });
  }

  /** The store driver's name: 'memory', 'sqlite', 'redis', ... */
  get storeName(): string {
    return this.#store.name;
  }

  /** Which tokenizer counts: 'o200k_base', 'estimate:claude', ... */
  get tokenizerName(): string {
    return this.#tokenizer.name;
  }

  /** True once `await ready()` has resolved: the synchronous API can run. */
  get isReady(): boolean {
    return this.#prepared;
  }

  /**
   * Tokens in `text` by this context's tokenizer, so adapters can gate on
   * size without storing small content. Synchronous: needs `await ready()`
   * first, else throws `NotReadyError`.
   */
  countTokens(text: string): number {
    if (typeof text !== 'string')
      throw new InvalidArgumentError({
        parameter: 'text',
        value: text,
        message: 'expected a string',
      });
    if (!this.#tokenizer.loaded)
      throw new NotReadyError({
        what: `The ${this.#tokenizer.name} tokenizer`,
      });
    return this.#tokenizer.count(text);
  }

  /**
   * Loads the tokenizer and every compressor's lazy parts once. The async
   * API does this itself; the synchronous one (`putSync`, `getSync`)
   * needs it awaited first.
   */
  async ready(): Promise<void> {
    if (this.#prepared) return;
    await this.#loadInstalledCompressors();
    await Promise.all([this.#tokenizer.load(), this.#router.prepare?.()]);
    this.#prepared = true;
  }

  /** Compresses `content` and stores it with its original under `key`. */
  async put(
    key: string,
    content: unknown,
    options: PutOptions = {},
  ): Promise<ContextEntry> {
    const { text, agent } = this.#validatePut(key, content, options);
    await Promise.all([
      this.#tokenizer.load(),
      this.#loadInstalledCompressors(),
    ]);
    const result = await runPipeline(
      text,
      this.#pipelineOptions(key, text, options),
    );
    const entry = this.#toEntry(key, text, agent, result);
    const record = encodeEntry(entry);
    await this.#enqueue(() =>
      runAsync(this.#writeSteps(key, record)).catch((error: unknown) => {
        throw this.#wrap('set', error);
      }),
    );
    const pending = this.#pending.get(key);
    if (pending && pending.entry.timestamp <= entry.timestamp)
      this.#pending.delete(key);
    return entry;
  }

  /**
   * The synchronous `put`, for hooks that cannot await. Needs `await
   * ready()` first. The guarantee: the entry is readable through this
   * SharedContext as soon as `putSync` returns. On a synchronous store
   * (memory, SQLite) it is also durable then. On an async store (Redis) the
   * write is queued in order with every other write; `await flush()`
   * resolves once it is durable and rejects with `StoreDriverError` if it
   * failed, and a failed entry stays held here (readable, retried by the
   * next `flush()`) rather than being dropped.
   */
  putSync(
    key: string,
    content: unknown,
    options: PutOptions = {},
  ): ContextEntry {
    const { text, agent } = this.#validatePut(key, content, options);
    if (!this.#tokenizer.loaded)
      throw new NotReadyError({
        what: `The ${this.#tokenizer.name} tokenizer`,
      });
    const result = runPipelineSync(
      text,
      this.#pipelineOptions(key, text, options),
    );
    const entry = this.#toEntry(key, text, agent, result);
    const record = encodeEntry(entry);
    if (this.#store.flags?.synchronous) {
      this.#call('set', () => runSync(this.#writeSteps(key, record)));
      return entry;
    }
    this.#startPendingWrite(key, { entry, record, promise: Promise.resolve() });
    return entry;
  }

  /**
   * Resolves once every `putSync` write has reached the store. Rejects with
   * `StoreDriverError` if any failed; failed entries stay held and are
   * retried on the next call.
   */
  async flush(): Promise<void> {
    for (const [key, pending] of this.#pending) {
      if (pending.error !== undefined)
        this.#startPendingWrite(key, { ...pending, error: undefined });
    }
    await Promise.all(
      [...this.#pending.values()].map((pending) => pending.promise),
    );
    const failed = [...this.#pending.entries()].filter(
      ([, pending]) => pending.error !== undefined,
    );
    if (failed.length > 0) {
      const [key, first] = failed[0]!;
      const cause = first.error;
      const driverError = StoreDriverError.isInstance(cause)
        ? cause
        : undefined;
      throw new StoreDriverError({
        driver: this.#store.name,
        operation: driverError?.operation ?? 'set',
        key,
        message: `${failed.length} entr${failed.length === 1 ? 'y' : 'ies'} accepted by putSync could not be written (${cause instanceof Error ? cause.message : String(cause)}); they are still held in memory and will be retried by the next flush()`,
        cause,
      });
    }
  }

  /** The compressed text (or with `{ full: true }` the original), or null if missing or expired. */
  async get(
    key: string,
    { full = false }: GetOptions = {},
  ): Promise<string | null> {
    const entry = await this.getEntry(key);
    if (!entry) return null;
    return full ? entry.original : entry.compressed;
  }

  /** The whole entry, or null if missing or expired (an expired one is deleted). */
  async getEntry(key: string): Promise<ContextEntry | null> {
    assertKey(key);
    const pending = this.#pending.get(key);
    if (pending)
      return this.#isExpired(pending.record.expiresAt) ? null : pending.entry;
    const record = await this.#call('get', () => this.#store.get(key));
    if (!record) return null;
    if (this.#isExpired(record.expiresAt)) {
      await this.#call('delete', () => this.#store.delete(key));
      return null;
    }
    return decodeEntry(key, record, this.#store.name);
  }

  /** Live keys, oldest write first; expired entries are purged on the way. */
  async keys(): Promise<string[]> {
    return (await this.#liveMetas()).map((meta) => meta.key);
  }

  /** Totals over the live entries, overall and per agent. */
  async stats(): Promise<SharedContextStats & { unreadable: number }> {
    const totals = { entries: 0, originalTokens: 0, compressedTokens: 0 };
    const agents: Record<string, AgentStats> = {};
    const compressors: Record<string, number> = {};
    let unreadable = 0;
    for (const { key, meta } of await this.#liveMetas()) {
      let header: ReturnType<typeof decodeMeta>;
      try {
        header = decodeMeta(meta, this.#store.name, key);
      } catch {
        unreadable++; // counted, not hidden: getEntry(key) names the problem
        continue;
      }
      totals.entries++;
      const compressor = header.compressor ?? '(none)';
      compressors[compressor] = (compressors[compressor] ?? 0) + 1;
      totals.originalTokens += header.originalTokens;
      totals.compressedTokens += header.compressedTokens;
      const name = header.agent ?? '(none)';
      agents[name] ??= {
        entries: 0,
        originalTokens: 0,
        compressedTokens: 0,
        tokensSaved: 0,
        savingsPercent: 0,
      };
      const agent = agents[name];
      agent.entries++;
      agent.originalTokens += header.originalTokens;
      agent.compressedTokens += header.compressedTokens;
    }
    for (const agent of Object.values(agents)) {
      agent.tokensSaved = agent.originalTokens - agent.compressedTokens;
      agent.savingsPercent = savingsPercent(
        agent.originalTokens,
        agent.compressedTokens,
      );
    }
    return {
      entries: totals.entries,
      totalOriginalTokens: totals.originalTokens,
      totalCompressedTokens: totals.compressedTokens,
      totalTokensSaved: totals.originalTokens - totals.compressedTokens,
      savingsPercent: savingsPercent(
        totals.originalTokens,
        totals.compressedTokens,
      ),
      agents,
      compressors,
      unreadable,
    };
  }

  /** Deletes one entry; true if it existed. */
  async delete(key: string): Promise<boolean> {
    assertKey(key);
    const hadPending = this.#pending.delete(key);
    const deleted = await this.#enqueue(() =>
      this.#call('delete', () => this.#store.delete(key)),
    );
    return deleted || hadPending;
  }

  /** Deletes every entry. */
  async clear(): Promise<void> {
    this.#pending.clear();
    await this.#enqueue(() => this.#call('clear', () => this.#store.clear()));
  }

  /**
   * Pulls back what compression dropped: with `marker`, exactly the span's
   * original text; with `query`, the original lines (JSON: items) that
   * match; with neither, the whole original. Null if the entry is gone.
   */
  async retrieve(
    key: string,
    { marker, query, limit = DEFAULTS.retrieveLimit }: RetrieveOptions = {},
  ): Promise<string | null> {
    assertKey(key);
    const entry = await this.getEntry(key);
    if (!entry) return null;
    if (marker !== undefined) {
      const ref = typeof marker === 'string' ? parseMarker(marker) : undefined;
      if (!ref)
        throw new InvalidArgumentError({
          parameter: 'marker',
          value: marker,
          message:
            'no marker found; pass the `[… · sc:key#n …]` text or `key#n`',
        });
      if (ref.key !== key)
        throw new InvalidArgumentError({
          parameter: 'marker',
          value: marker,
          message: `the marker names entry ${JSON.stringify(ref.key)}, not ${JSON.stringify(key)}`,
        });
      const span = entry.spans.find((candidate) => candidate.id === ref.spanId);
      if (!span)
        throw new EntryNotFoundError({
          key,
          message: `Entry ${JSON.stringify(key)} has no dropped span #${ref.spanId}; it may have been overwritten since the marker was read.`,
        });
      return spanText(entry.original, span);
    }
    if (query !== undefined) {
      assertOptionalString(query, 'query');
      return searchOriginal(entry.original, query, { limit }).join('\n');
    }
    return entry.original;
  }

  /** Resolves a marker found anywhere (its key is inside it); null if that entry is gone. */
  async resolveMarker(marker: string): Promise<string | null> {
    const ref = typeof marker === 'string' ? parseMarker(marker) : undefined;
    if (!ref)
      throw new InvalidArgumentError({
        parameter: 'marker',
        value: marker,
        message: 'no marker found; pass the `[… · sc:key#n …]` text or `key#n`',
      });
    return this.retrieve(ref.key, { marker });
  }

  /** Flushes pending writes and releases the store's connections. */
  async dispose(): Promise<void> {
    await this.flush();
    await this.#call('dispose', () => this.#store.dispose?.());
  }

  // With no `compressors` option, installed plug-ins (compressor-code)
  // join the router once loaded; an explicit list is left as given.
  async #loadInstalledCompressors(): Promise<void> {
    if (this.#compressors !== undefined) return;
    const installed = await loadInstalledCompressors();
    if (installed.every((plugin) => this.#router.compressors.includes(plugin)))
      return;
    this.#router = createRouter({
      compressors: installedAndDefaultCompressors(),
      minSavings: this.#minSavings,
    });
  }

  #validatePut(
    key: string,
    content: unknown,
    options: PutOptions,
  ): { text: string; agent: string | null } {
    assertKey(key);
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError({
        parameter: 'options',
        value: options,
        message: 'expected an options object',
      });
    }
    assertOptionalString(options.agent, 'agent');
    assertOptionalString(options.query, 'query');
    return { text: serializeContent(content), agent: options.agent ?? null };
  }

  #pipelineOptions(key: string, text: string, options: PutOptions) {
    return resolvePipelineOptions(
      text,
      {
        key,
        tokenizer: this.#tokenizer,
        minTokens: this.#minTokens,
        ...(this.#detectors ? { detectors: this.#detectors } : {}),
        ...(options.query ? { query: options.query } : {}),
        ...(options.contentType ? { contentType: options.contentType } : {}),
      },
      this.#router,
    );
  }

  #toEntry(
    key: string,
    original: string,
    agent: string | null,
    result: PipelineResult,
  ): ContextEntry {
    const nowMs = this.#now();
    return {
      key,
      agent,
      original,
      compressed: result.compressed,
      originalTokens: result.originalTokens,
      compressedTokens: result.compressedTokens,
      savingsPercent: savingsPercent(
        result.originalTokens,
        result.compressedTokens,
      ),
      timestamp: nowMs / 1000,
      expiresAt: (nowMs + this.ttl * 1000) / 1000,
      transforms: result.transforms,
      tokenizer: result.tokenizer,
      contentType: result.contentType,
      spans: result.spans,
      ...(result.compressor === undefined
        ? {}
        : { compressor: result.compressor }),
    };
  }

  #isExpired(expiresAtMs: number | undefined): boolean {
    return expiresAtMs !== undefined && this.#now() >= expiresAtMs;
  }

  // One write: purge expired records (so they are evicted first and never
  // counted), then set with the eviction bound. Written once as steps so the
  // sync and async paths share it.
  *#writeSteps(key: string, record: StoredRecord): Steps<void> {
    if (!this.#store.flags?.nativeTtl) {
      const metas = (yield this.#store.list()) as StoredMeta[];
      for (const meta of metas) {
        if (meta.key !== key && this.#isExpired(meta.expiresAt))
          yield this.#store.delete(meta.key);
      }
    }
    yield this.#store.set(key, record, { maxEntries: this.maxEntries });
  }

  #startPendingWrite(key: string, pending: PendingWrite): void {
    const item: PendingWrite = { ...pending };
    item.promise = this.#enqueue(() =>
      runAsync(this.#writeSteps(key, pending.record)),
    ).then(
      () => {
        if (this.#pending.get(key) === item) this.#pending.delete(key);
      },
      (error: unknown) => {
        item.error = this.#wrap('set', error);
      },
    );
    this.#pending.set(key, item);
  }

  async #liveMetas(): Promise<StoredMeta[]> {
    const metas = await this.#call('list', () => this.#store.list());
    const live: StoredMeta[] = [];
    const expired: string[] = [];
    for (const meta of metas) {
      if (this.#isExpired(meta.expiresAt)) expired.push(meta.key);
      else if (!this.#pending.has(meta.key)) live.push(meta);
    }
    if (expired.length > 0) {
      await this.#enqueue(async () => {
        for (const key of expired)
          await this.#call('delete', () => this.#store.delete(key));
      });
    }
    for (const [key, pending] of this.#pending) {
      if (!this.#isExpired(pending.record.expiresAt))
        live.push({
          key,
          meta: pending.record.meta,
          writtenAt: pending.record.writtenAt,
        });
    }
    return live;
  }

  #enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  #wrap(operation: StoreOperation, error: unknown): StoreDriverError {
    return StoreDriverError.isInstance(error)
      ? error
      : new StoreDriverError({
          driver: this.#store.name,
          operation,
          cause: error,
        });
  }

  // Runs a driver call; any failure surfaces as StoreDriverError naming the
  // driver and operation. Returns a promise only when the driver did.
  #call<T>(
    operation: StoreOperation,
    fn: () => T | Promise<T>,
  ): T | Promise<T> {
    let result: T | Promise<T>;
    try {
      result = fn();
    } catch (error) {
      throw this.#wrap(operation, error);
    }
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        throw this.#wrap(operation, error);
      });
    }
    return result;
  }
}
