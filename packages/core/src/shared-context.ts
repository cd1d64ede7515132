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
  type COMPRESSION_END,
  CompressionEndEvent,
  type CompressionEndListener,
  type CompressionEvent,
} from './events/index.ts';
import {
  type PipelineResult,
  runPipeline,
  runPipelineSync,
} from './pipeline/index.ts';
import {
  type MarkerRef,
  parseMarker,
  parseMarkers,
  searchOriginal,
  spanText,
} from './retrieval/index.ts';
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
  assertNamespace,
  assertNumber,
  assertOptionalBoolean,
  assertOptionalName,
  assertOptionalString,
  assertOptions,
  MAX_TTL_SECONDS,
} from './util/validate.ts';
import {
  assertOptionalContentType,
  assertOptionalTokenizer,
  assertPluginList,
} from './util/validate-plugins.ts';

/** Options of `new SharedContext(...)`; every default lives in `DEFAULTS`. */
export interface SharedContextOptions {
  /** Model whose tokenizer counts tokens. @default 'claude-sonnet-4-5-20250929' */
  model?: string;
  /** Seconds an entry lives after its last write; 0 expires at once; at most 1e10. @default 3600 */
  ttl?: number;
  /** Entries kept; the least recently written is evicted beyond it. @default 100 */
  maxEntries?: number;
  /** Where entries live. @default memoryDriver() */
  store?: StoreDriver;
  /**
   * Confines this context to one namespace of `store` (a tenant, a run):
   * keys, `get`, `keys()`, `stats()`, `clear()`, eviction, `retrieve` and
   * markers see only its entries. A non-empty, well-formed string of at
   * most 256 UTF-16 units; needs a store with `withNamespace`.
   * @default undefined (the store's own, unnamed space)
   */
  namespace?: string;
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
  /**
   * Called with each `put`'s numbers once the entry is written (the same
   * payload as the `compression-end` event). An error it throws propagates
   * from `put`/`putSync`; the entry stays written.
   */
  onCompress?: (event: CompressionEvent) => void;
  /**
   * Every `put` is lossless unless it says otherwise: nothing is dropped,
   * no marker is written, JSON is re-encoded so `decodeJson` reads it
   * back. @default false
   */
  lossless?: boolean;
}

/** Options of {@link SharedContext.put}. */
export interface PutOptions {
  /** The agent writing; shown on the entry and in per-agent stats. */
  agent?: string;
  /** The tool whose output this is; reported in the `compression-end` event. */
  tool?: string;
  /** What the next agent will look for: matching lines and items are kept. */
  query?: string;
  /** Route as this type instead of detecting. */
  contentType?: ContentType;
  /** Overrides the context's `lossless` for this entry. */
  lossless?: boolean;
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

// Spelled through EventTarget itself: the DOM lib names are not in `lib`.
type EventListenerArgument = Parameters<EventTarget['addEventListener']>[1];
type AddListenerOptions = Parameters<EventTarget['addEventListener']>[2];
type RemoveListenerOptions = Parameters<EventTarget['removeEventListener']>[2];

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
export class SharedContext extends EventTarget {
  readonly model: string;
  readonly ttl: number;
  readonly maxEntries: number;
  /** The namespace given to the constructor, or undefined. */
  readonly namespace: string | undefined;
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
  readonly #lossless: boolean;
  // Writes go through one queue so eviction and `maxEntries` see them in
  // order: concurrent puts never overfill.
  #queue: Promise<unknown> = Promise.resolve();
  // putSync on an async store: accepted entries not yet confirmed written.
  readonly #pending = new Map<string, PendingWrite>();
  #prepared = false;

  readonly #onCompress: ((event: CompressionEvent) => void) | undefined;

  constructor(options: SharedContextOptions = {}) {
    super();
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError({
        parameter: 'options',
        value: options,
        message: 'expected an options object',
      });
    }
    assertOptionalString(options.model, 'model', { nonEmpty: true });
    assertNumber(options.ttl, 'ttl', { min: 0, max: MAX_TTL_SECONDS });
    assertNumber(options.maxEntries, 'maxEntries', { min: 1, integer: true });
    assertNumber(options.minTokens, 'minTokens', { min: 0 });
    assertOptionalBoolean(options.lossless, 'lossless');
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
    assertNamespace(options.namespace);
    assertNumber(options.minSavings, 'minSavings', { min: 0 });
    assertOptionalTokenizer(options.tokenizer);
    assertPluginList(options.compressors, 'compressors', ['compress']);
    assertPluginList(options.detectors, 'detectors', ['detect']);
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw new InvalidArgumentError({
        parameter: 'now',
        value: options.now,
        message: 'expected a function returning epoch milliseconds',
      });
    }
    if (
      options.onCompress !== undefined &&
      typeof options.onCompress !== 'function'
    ) {
      throw new InvalidArgumentError({
        parameter: 'onCompress',
        value: options.onCompress,
        message: 'expected a function called with each CompressionEvent',
      });
    }
    this.#onCompress = options.onCompress;
    this.model = options.model ?? DEFAULTS.model;
    this.ttl = options.ttl ?? DEFAULTS.ttl;
    this.maxEntries = options.maxEntries ?? DEFAULTS.maxEntries;
    this.namespace = options.namespace;
    this.#store = scopedStore(options.store ?? memoryDriver(), this.namespace);
    this.#now = options.now ?? Date.now;
    this.#tokenizer = options.tokenizer ?? tokenizerForModel(this.model);
    this.#compressors = options.compressors;
    this.#minSavings = options.minSavings ?? DEFAULTS.minSavings;
    this.#detectors = options.detectors;
    this.#minTokens = options.minTokens ?? DEFAULTS.minTokens;
    this.#lossless = options.lossless ?? DEFAULTS.lossless;
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
    const started = performance.now();
    const result = await runPipeline(
      text,
      this.#pipelineOptions(key, text, options),
    );
    const ms = performance.now() - started;
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
    this.#emitCompression(entry, options, ms);
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
    const started = performance.now();
    const result = runPipelineSync(
      text,
      this.#pipelineOptions(key, text, options),
    );
    const ms = performance.now() - started;
    const entry = this.#toEntry(key, text, agent, result);
    const record = encodeEntry(entry);
    if (this.#store.flags?.synchronous)
      this.#call('set', () => runSync(this.#writeSteps(key, record)));
    else
      this.#startPendingWrite(key, {
        entry,
        record,
        promise: Promise.resolve(),
      });
    this.#emitCompression(entry, options, ms);
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
  async get(key: string, options?: GetOptions): Promise<string | null> {
    assertKey(key);
    assertOptions(options);
    const full = options?.full ?? false;
    if (typeof full !== 'boolean')
      throw new InvalidArgumentError({
        parameter: 'full',
        value: full,
        message: 'expected a boolean',
      });
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
    // Agent names are user strings: a Map while counting, then a
    // null-prototype record, so `constructor` or `__proto__` is just a name.
    const perAgent = new Map<string, AgentStats>();
    const compressors = new Map<string, number>();
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
      compressors.set(compressor, (compressors.get(compressor) ?? 0) + 1);
      totals.originalTokens += header.originalTokens;
      totals.compressedTokens += header.compressedTokens;
      const name = header.agent ?? '(none)';
      let agent = perAgent.get(name);
      if (!agent) {
        agent = {
          entries: 0,
          originalTokens: 0,
          compressedTokens: 0,
          tokensSaved: 0,
          savingsPercent: 0,
        };
        perAgent.set(name, agent);
      }
      agent.entries++;
      agent.originalTokens += header.originalTokens;
      agent.compressedTokens += header.compressedTokens;
    }
    const agents: Record<string, AgentStats> = Object.create(null);
    for (const [name, agent] of perAgent) {
      agents[name] = agent;
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
      compressors: Object.fromEntries(compressors),
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
    options?: RetrieveOptions,
  ): Promise<string | null> {
    assertKey(key);
    assertOptions(options);
    const { marker, query, limit = DEFAULTS.retrieveLimit } = options ?? {};
    assertOptionalString(query, 'query');
    assertNumber(limit, 'limit', { min: 1, integer: true });
    const ref = marker === undefined ? undefined : this.#markerRef(marker);
    const entry = await this.getEntry(key);
    if (!entry) return null;
    if (ref !== undefined) {
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
      return searchOriginal(entry.original, query, { limit }).join('\n');
    }
    return entry.original;
  }

  /** Resolves a marker found anywhere (its key is inside it); null if that entry is gone. */
  async resolveMarker(marker: string): Promise<string | null> {
    return this.retrieve(this.#markerRef(marker).key, { marker });
  }

  // Parses a marker and refuses one written in another namespace: the same
  // key can exist in both, and its spans are not this context's.
  // The bare `key#n` form is read in this context's namespace.
  #markerRef(marker: unknown): MarkerRef {
    const text = typeof marker === 'string' ? marker : '';
    const written = parseMarkers(text)[0];
    const ref = written ?? parseMarker(text);
    if (!ref)
      throw new InvalidArgumentError({
        parameter: 'marker',
        value: marker,
        message: 'no marker found; pass the `[… · sc:key#n …]` text or `key#n`',
      });
    if (written && written.namespace !== this.namespace)
      throw new InvalidArgumentError({
        parameter: 'marker',
        value: marker,
        message: `the marker was written ${ref.namespace === undefined ? 'without a namespace' : `in namespace ${JSON.stringify(ref.namespace)}`}, but this context's namespace is ${this.namespace === undefined ? 'none' : JSON.stringify(this.namespace)}; resolve it with a context of that namespace`,
      });
    return ref;
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

  /**
   * Listens for `compression-end` (one `CompressionEndEvent` per `put` or
   * `putSync`, after the entry is written or accepted); other types are
   * passed to `EventTarget` as they are.
   */
  override addEventListener(
    type: typeof COMPRESSION_END,
    listener: CompressionEndListener | null,
    options?: AddListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerArgument,
    options?: AddListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerArgument | CompressionEndListener | null,
    options?: AddListenerOptions,
  ): void {
    // Only 'compression-end' listeners are typed narrower; we dispatch that
    // type with CompressionEndEvent alone, so the cast holds.
    super.addEventListener(type, listener as EventListenerArgument, options);
  }

  /** Removes a listener added with `addEventListener`. */
  override removeEventListener(
    type: typeof COMPRESSION_END,
    listener: CompressionEndListener | null,
    options?: RemoveListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerArgument,
    options?: RemoveListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerArgument | CompressionEndListener | null,
    options?: RemoveListenerOptions,
  ): void {
    // Only 'compression-end' listeners are typed narrower; we dispatch that
    // type with CompressionEndEvent alone, so the cast holds.
    super.removeEventListener(type, listener as EventListenerArgument, options);
  }

  // After the write: a listener that throws cannot undo it. `onCompress`
  // errors propagate from put/putSync; EventTarget reports listener errors
  // itself (Node: as an uncaught exception), as for any DOM-style event.
  #emitCompression(entry: ContextEntry, options: PutOptions, ms: number): void {
    const event: CompressionEvent = {
      key: entry.key,
      ...(this.namespace === undefined ? {} : { namespace: this.namespace }),
      ...(entry.agent === null ? {} : { agent: entry.agent }),
      ...(options.tool === undefined ? {} : { tool: options.tool }),
      originalTokens: entry.originalTokens,
      compressedTokens: entry.compressedTokens,
      ms,
      transforms: [...entry.transforms],
    };
    this.dispatchEvent(new CompressionEndEvent(event));
    this.#onCompress?.(event);
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
    assertOptionalName(options.agent, 'agent');
    assertOptionalString(options.query, 'query');
    assertOptionalContentType(options.contentType);
    assertOptionalName(options.tool, 'tool');
    assertOptionalBoolean(options.lossless, 'lossless');
    return { text: serializeContent(content), agent: options.agent ?? null };
  }

  #pipelineOptions(key: string, text: string, options: PutOptions) {
    const resolved = resolvePipelineOptions(
      text,
      {
        key,
        tokenizer: this.#tokenizer,
        minTokens: this.#minTokens,
        ...(this.#detectors ? { detectors: this.#detectors } : {}),
        ...(options.query ? { query: options.query } : {}),
        ...(options.contentType ? { contentType: options.contentType } : {}),
        lossless: options.lossless ?? this.#lossless,
      },
      this.#router,
    );
    return this.namespace === undefined
      ? resolved
      : { ...resolved, namespace: this.namespace };
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

// The store this context reads and writes: the driver itself, or its view
// of one namespace. A driver without `withNamespace` is refused rather than
// emulated by key prefixes, which would let `maxEntries` eviction and
// `clear()` reach across namespaces.
function scopedStore(
  store: StoreDriver,
  namespace: string | undefined,
): StoreDriver {
  if (namespace === undefined) return store;
  if (typeof store.withNamespace !== 'function')
    throw new InvalidArgumentError({
      parameter: 'namespace',
      value: namespace,
      message: `the ${store.name} store driver has no withNamespace(), so it cannot keep namespaces apart; use a driver that implements it (memory, sqlite, redis) or one SharedContext per store`,
    });
  const scoped = store.withNamespace(namespace);
  if (
    typeof scoped !== 'object' ||
    scoped === null ||
    scoped.specificationVersion !== 'v1'
  )
    throw new InvalidArgumentError({
      parameter: 'store',
      value: store,
      message: `the ${store.name} store driver's withNamespace() did not return a StoreDriver`,
    });
  return scoped;
}
