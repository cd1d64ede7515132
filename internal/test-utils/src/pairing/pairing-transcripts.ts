import type {
  AssistantMessage,
  ToolCall,
  ToolResultMessage,
  TranscriptMessage,
} from './transcript.ts';

/** A named transcript shape for the pairing-safety suite. */
export interface PairingTranscript {
  name: string;
  messages: TranscriptMessage[];
  /** True when at least one tool result is large enough to compress. */
  hasLargeResults: boolean;
}

// mulberry32: small, seeded and the same on every platform.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(rand: Random, items: readonly T[]): T =>
  items[Math.floor(rand() * items.length)]!;

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'] as const;
const VERBS = ['opened', 'closed', 'retried', 'flushed', 'queued', 'synced'];
const NOUNS = ['batch', 'session', 'segment', 'lease', 'snapshot', 'cursor'];

/** Log-like lines: timestamps, levels, workers, ids and durations. */
export function generatedLogOutput(rand: Random, lines: number): string {
  const start = Date.UTC(2026, 0, 5, 3, 0, 0) + Math.floor(rand() * 1e7);
  return Array.from({ length: lines }, (_, index) => {
    const at = new Date(start + index * (250 + Math.floor(rand() * 900)));
    const id = Math.floor(rand() * 0xffffff)
      .toString(16)
      .padStart(6, '0');
    return `${at.toISOString()} ${pick(rand, LEVELS)} [worker-${1 + Math.floor(rand() * 8)}] ${pick(rand, VERBS)} ${pick(rand, NOUNS)} id=${id} took=${Math.floor(rand() * 900)}ms`;
  }).join('\n');
}

/** A JSON array of uniform records, pretty-printed as tools often return. */
export function generatedJsonOutput(rand: Random, items: number): string {
  const records = Array.from({ length: items }, (_, index) => ({
    id: 1000 + index,
    name: `${pick(rand, NOUNS)}-${Math.floor(rand() * 9999)}`,
    status: rand() < 0.1 ? 'failed' : 'ok',
    region: pick(rand, ['north', 'south', 'east', 'west']),
    latencyMs: Math.floor(rand() * 2000),
    tags: [pick(rand, VERBS), pick(rand, NOUNS)],
  }));
  return JSON.stringify({ total: items, items: records }, null, 2);
}

class Builder {
  readonly messages: TranscriptMessage[] = [];
  #next = 0;
  readonly #rand: Random;
  readonly #prefix: string;

  constructor(rand: Random) {
    this.#rand = rand;
    this.#prefix = Math.floor(rand() * 0xffff).toString(36);
  }

  system(): this {
    this.messages.push({
      role: 'system',
      content:
        'You are an operations analyst. Use the tools, then answer in two sentences.',
    });
    return this;
  }

  user(content: string): this {
    this.messages.push({ role: 'user', content });
    return this;
  }

  assistant(content: string, calls: ToolCall[] = []): this {
    const message: AssistantMessage = {
      role: 'assistant',
      content,
      toolCalls: calls,
    };
    this.messages.push(message);
    return this;
  }

  call(name: string): ToolCall {
    this.#next++;
    return {
      id: `call_${this.#prefix}${this.#next}`,
      name,
      arguments: JSON.stringify({ since: '2026-01-05', page: this.#next }),
    };
  }

  result(call: ToolCall, size: 'large' | 'small'): this {
    const content =
      size === 'small'
        ? `ok: ${Math.floor(this.#rand() * 100)} rows`
        : call.name === 'fetch_logs'
          ? generatedLogOutput(this.#rand, 80 + Math.floor(this.#rand() * 60))
          : generatedJsonOutput(this.#rand, 40 + Math.floor(this.#rand() * 30));
    const message: ToolResultMessage = {
      role: 'tool',
      toolCallId: call.id,
      toolName: call.name,
      content,
    };
    this.messages.push(message);
    return this;
  }
}

/**
 * Seeded transcripts covering the shapes that break pairing in practice:
 * one call, parallel calls answered out of order, many turns ending on a
 * tool result, an assistant turn with both text and calls, no system
 * message, and small results only (nothing to compress). Ids differ per
 * seed, so a suite run with several seeds cannot pass by accident.
 */
export function pairingTranscripts(seed = 1): PairingTranscript[] {
  const rand = random(seed);
  const transcripts: PairingTranscript[] = [];

  {
    const b = new Builder(rand).system().user('Why did last night’s job fail?');
    const call = b.call('fetch_logs');
    b.assistant('', [call]).result(call, 'large');
    b.assistant('The job failed while flushing a batch.').user('Which batch?');
    transcripts.push({
      name: 'one call',
      messages: b.messages,
      hasLargeResults: true,
    });
  }
  {
    const b = new Builder(rand).system().user('Compare the three regions.');
    const calls = [
      b.call('fetch_logs'),
      b.call('list_jobs'),
      b.call('list_jobs'),
    ];
    b.assistant('Fetching all three at once.', calls);
    b.result(calls[2]!, 'large').result(calls[0]!, 'large');
    b.result(calls[1]!, 'small');
    b.assistant('North is slowest.');
    transcripts.push({
      name: 'parallel calls answered out of order',
      messages: b.messages,
      hasLargeResults: true,
    });
  }
  {
    const b = new Builder(rand).system().user('Audit this week.');
    for (let turn = 0; turn < 5; turn++) {
      const call = b.call(turn % 2 === 0 ? 'fetch_logs' : 'list_jobs');
      b.assistant(turn === 2 ? 'Halfway through.' : '', [call]);
      b.result(call, turn === 3 ? 'small' : 'large');
    }
    b.assistant('Five sources read.').user('Now check today.');
    const last = b.call('fetch_logs');
    b.assistant('', [last]).result(last, 'large');
    transcripts.push({
      name: 'many turns ending on a tool result',
      messages: b.messages,
      hasLargeResults: true,
    });
  }
  {
    const b = new Builder(rand).user('List failing jobs.');
    const call = b.call('list_jobs');
    b.assistant('', [call]).result(call, 'large').assistant('Three failed.');
    transcripts.push({
      name: 'no system message',
      messages: b.messages,
      hasLargeResults: true,
    });
  }
  {
    const b = new Builder(rand).system().user('Ping the service.');
    const call = b.call('ping');
    b.assistant('', [call]).result(call, 'small').assistant('It answered.');
    transcripts.push({
      name: 'small results only',
      messages: b.messages,
      hasLargeResults: false,
    });
  }
  return transcripts;
}
