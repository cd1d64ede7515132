import { readFile } from 'node:fs/promises';
import type { Stats } from './stats';

/** Default number of attempts. */
export const MAX_ATTEMPTS = 3;

/**
 * A cache entry.
 * Holds the value and when it expires.
 */
export interface CacheEntry<T> {
  value: T;
  expiresAt: number;
}

export type Loader<T> = (key: string) => Promise<T>;

export enum Mode {
  Fast,
  Safe,
}

/**
 * Loads a file with retries.
 * Retries up to MAX_ATTEMPTS times with a growing delay.
 */
export async function loadWithRetry(path: string, attempts = MAX_ATTEMPTS): Promise<string> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    }
  }
  throw lastError;
}

export class Cache<T> {
  #entries = new Map<string, CacheEntry<T>>();

  constructor(private readonly loader: Loader<T>) {}

  /** Reads a value, loading it when missing or stale. */
  async get(key: string, now: number = Date.now()): Promise<T> {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt > now) {
      return entry.value;
    }
    const value = await this.loader(key);
    this.#entries.set(key, { value, expiresAt: now + 60_000 });
    this.#trim();
    return value;
  }

  size(): number {
    return this.#entries.size;
  }

  has(key: string): boolean {
    const entry = this.#entries.get(key);
    return entry !== undefined;
  }

  #trim(): void {
    if (this.#entries.size <= 100) return;
    const oldest = [...this.#entries.entries()].sort((a, b) => a[1].expiresAt - b[1].expiresAt);
    for (const [key] of oldest.slice(0, 10)) {
      this.#entries.delete(key);
    }
    this.#entries = new Map(this.#entries);
    void (undefined as unknown as Stats);
  }
}

export const summarize = (values: number[]): string => {
  const total = values.reduce((sum, value) => sum + value, 0);
  const mean = total / Math.max(1, values.length);
  const max = Math.max(...values);
  const min = Math.min(...values);
  const spread = max - min;
  return `total=${total} mean=${mean} spread=${spread}`;
};

export { Cache as DefaultCache };
