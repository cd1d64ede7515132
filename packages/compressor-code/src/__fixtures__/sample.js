const fs = require('node:fs');
import path from 'node:path';

/** Default separator. */
export const SEPARATOR = '\n';

/**
 * Splits a file into trimmed, non-empty lines.
 * Lines starting with # are comments.
 */
export function readLines(file) {
  const text = fs.readFileSync(path.resolve(file), 'utf8');
  const lines = [];
  for (const raw of text.split(SEPARATOR)) {
    const line = raw.trim();
    if (line.length === 0) continue;
    if (line.startsWith('#')) continue;
    lines.push(line);
  }
  return lines;
}

export class Counter {
  constructor() {
    this.counts = new Map();
  }

  /** Adds one occurrence. */
  add(word) {
    const current = this.counts.get(word) ?? 0;
    this.counts.set(word, current + 1);
    if (current > 1000) {
      this.counts.delete(word);
    }
    this.total = (this.total ?? 0) + 1;
    return this;
  }

  top() { return [...this.counts].sort((a, b) => b[1] - a[1])[0]; }
}

module.exports = { readLines, Counter };
