/**
 * A seeded generator of logs whose lines seldom repeat: mostly unique
 * info-level messages (a boot sequence, an installer's history), a few
 * injected error and warning lines, in random layouts: bracketed seconds
 * since start, a process id and a role before the stamp, a program name
 * before the stamp, and blank-line-separated record blocks with long
 * comma lists of items of one shape. For property tests of the log
 * compressor's line budget: templates that rarely repeat must still save
 * most of their tokens, and no injected signal line may be lost.
 * Deterministic per seed.
 */

import { type Draw, int, MONTHS, pad, pick, seededRandom } from './seeded.ts';

/** What {@link generateSparseLog} made. */
export interface GeneratedSparseLog {
  content: string;
  /** The layout drawn, in words, for failure messages. */
  layout: string;
  /** Every injected error or warning template, with every line it wrote. */
  signalTemplates: Array<{ level: 'error' | 'warning'; lines: string[] }>;
}

/** Options of {@link generateSparseLog}. */
export interface GenerateSparseLogOptions {
  /** Lines at least (a record block is never cut). @default 400 */
  lines?: number;
  /** Injected error and warning templates. @default 2..8, drawn */
  signalTemplates?: number;
}

/** Words of ordinary messages: none is an error or warning word. */
const NOUNS = [
  'bridge',
  'clock',
  'device',
  'table',
  'region',
  'mapping',
  'driver',
  'port',
  'interface',
  'memory',
  'zone',
  'bus',
  'controller',
  'queue',
  'node',
  'profile',
  'policy',
  'socket',
  'scheduler',
  'channel',
  'vector',
  'page',
  'cache',
  'segment',
  'console',
  'timer',
  'module',
  'link',
  'group',
  'volume',
];
const VERBS = [
  'registered',
  'initialized',
  'detected',
  'enabled',
  'mapped',
  'reserved',
  'attached',
  'probed',
  'allocated',
  'loaded',
  'updated',
  'configured',
  'assigned',
  'started',
  'linked',
  'scanned',
];
const QUALIFIERS = [
  'early',
  'static',
  'default',
  'legacy',
  'secondary',
  'virtual',
  'primary',
  'shared',
  'local',
  'remote',
  'dynamic',
  'hot',
];
const PROGRAMS = ['netd', 'pkgtool', 'syncer', 'blkmgr', 'confd', 'relayd'];
const ERROR_PHRASES = [
  'failed to bind',
  'error reading',
  'connection refused by',
  'timed out waiting for',
  'permission denied on',
  'aborted while mapping',
];
const WARNING_PHRASES = [
  'WARNING: deprecated option for',
  'warning: clock skew on',
  'cannot reserve',
  'invalid checksum on',
];

/** A variable value: a number, a hex id, an address, a size, a path. */
const VARIABLES: ReadonlyArray<(draw: Draw) => string> = [
  (draw) => String(int(draw, 0, 99_999)),
  (draw) => `0x${int(draw, 0, 0xffffffff).toString(16).padStart(8, '0')}`,
  (draw) => `${int(draw, 1, 254)}.${int(draw, 0, 254)}.${int(draw, 1, 254)}`,
  (draw) => `${int(draw, 1, 4096)}K`,
  (draw) => `/${pick(draw, NOUNS)}/${pick(draw, NOUNS)}${int(draw, 0, 9)}`,
];

/** A message of random length and words: two seldom share a template. */
function uniqueMessage(draw: Draw): string {
  const words: string[] = [];
  if (draw() < 0.6) words.push(`${pick(draw, NOUNS)}${int(draw, 0, 9)}:`);
  const length = int(draw, 3, 12);
  for (let i = 0; i < length; i++) {
    const roll = draw();
    words.push(
      roll < 0.25
        ? pick(draw, VARIABLES)(draw)
        : roll < 0.5
          ? pick(draw, VERBS)
          : roll < 0.65
            ? pick(draw, QUALIFIERS)
            : pick(draw, NOUNS),
    );
  }
  return words.join(' ');
}

/** A line prefix per layout, from the seconds since the log started. */
interface Layout {
  name: string;
  prefix(draw: Draw, seconds: number, level: 0 | 1 | 2): string;
}

function clockOf(seconds: number): string {
  const d = new Date((1_780_000_000 + seconds) * 1000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const LINE_LAYOUTS: readonly Layout[] = [
  {
    name: 'bracketed seconds since start',
    prefix: (_, s) => `[${s.toFixed(6).padStart(12, ' ')}]`,
  },
  {
    name: 'process id and role before the stamp',
    prefix: (draw, s) => {
      const d = new Date((1_780_000_000 + s) * 1000);
      return `${4000 + (Math.floor(s) % 7)}:${pick(draw, ['M', 'C', 'S'])} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clockOf(s)}.${pad(Math.floor((s % 1) * 1000), 3)} ${pick(draw, ['*', '#', '-'])}`;
    },
  },
  {
    name: 'program and stamp',
    prefix: (draw, s) => {
      const d = new Date((1_780_000_000 + s) * 1000);
      return `${pick(draw, PROGRAMS)} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${clockOf(s)}:`;
    },
  },
  {
    name: 'stamp and level',
    prefix: (_, s, level) =>
      `${new Date((1_780_000_000 + s) * 1000).toISOString()} ${['info', 'warn', 'error'][level]}`,
  },
];

/** Items of a record's long list: `name-3:arch (1.2-4, auto)`. */
function listItem(draw: Draw): string {
  const name = `${pick(draw, NOUNS)}${draw() < 0.5 ? `-${pick(draw, QUALIFIERS)}` : ''}${int(draw, 0, 30)}`;
  const version = `${int(draw, 0, 9)}.${int(draw, 0, 40)}-${int(draw, 1, 9)}`;
  return `${name}:${pick(draw, ['x64', 'arm', 'all'])} (${version}${draw() < 0.6 ? ', auto' : ''})`;
}

function recordStamp(seconds: number): string {
  const d = new Date((1_780_000_000 + seconds) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}  ${clockOf(seconds)}`;
}

/**
 * A log of at least `lines` lines in a layout drawn from `seed`, mostly of
 * unique messages, with injected error and warning templates (each with an
 * error or warning word, and a level field where the layout has one) used
 * one to three times. The record layout writes blocks (a start stamp, a
 * command, sometimes a long list of items, an end stamp) separated by
 * blank lines; its signal lines sit inside blocks.
 */
export function generateSparseLog(
  seed: number,
  options: GenerateSparseLogOptions = {},
): GeneratedSparseLog {
  const draw = seededRandom(seed);
  const total = options.lines ?? 400;
  const records = draw() < 0.25;
  const layout = pick(draw, LINE_LAYOUTS);
  const signals = Array.from(
    { length: options.signalTemplates ?? int(draw, 2, 8) },
    (_, i) => {
      const level = draw() < 0.6 ? ('error' as const) : ('warning' as const);
      const phrase = pick(
        draw,
        level === 'error' ? ERROR_PHRASES : WARNING_PHRASES,
      );
      // A distinct head word per template keeps injected templates
      // distinct events (a word, not an id: ids are variables).
      const head = `${NOUNS[(i * 7) % NOUNS.length]}`;
      const variable = pick(draw, VARIABLES);
      return {
        level,
        write: (d: Draw) => `${head} ${phrase} ${variable(d)}`,
        uses: int(draw, 1, 3),
        lines: [] as string[],
      };
    },
  );
  // Where each signal use goes: a share of the way through the log.
  const plan = signals.flatMap((signal, i) =>
    Array.from({ length: signal.uses }, () => ({ at: draw(), i })),
  );
  plan.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  let seconds = records ? int(draw, 0, 1_000_000) : 0;
  const nextSignal = (): (typeof signals)[number] | undefined => {
    const next = plan[0];
    if (!next || next.at > out.length / total) return undefined;
    plan.shift();
    return signals[next.i];
  };
  if (records) {
    while (out.length < total || plan.length > 0) {
      if (out.length > 0) out.push('');
      seconds += int(draw, 60, 90_000);
      out.push(`Start-At: ${recordStamp(seconds)}`);
      out.push(
        `Command: ${pick(draw, PROGRAMS)} ${pick(draw, VERBS)} ${Array.from({ length: int(draw, 1, 6) }, () => pick(draw, NOUNS)).join(' ')}`,
      );
      if (draw() < 0.5) {
        const items = int(draw, 1, draw() < 0.3 ? 160 : 12);
        out.push(
          `${pick(draw, ['Added', 'Upgraded', 'Removed'])}: ${Array.from({ length: items }, () => listItem(draw)).join(', ')}`,
        );
      }
      for (let note = int(draw, 0, 2); note > 0; note--)
        out.push(`Note: ${uniqueMessage(draw)}`);
      const signal = nextSignal();
      if (signal) {
        const line = `Problem: ${signal.write(draw)}`;
        signal.lines.push(line);
        out.push(line);
      }
      seconds += int(draw, 1, 600);
      out.push(`End-At: ${recordStamp(seconds)}`);
    }
  } else {
    while (out.length < total || plan.length > 0) {
      seconds += draw() * draw() * 2;
      const signal = nextSignal();
      const level = signal ? (signal.level === 'error' ? 2 : 1) : 0;
      const line = `${layout.prefix(draw, seconds, level)} ${signal ? signal.write(draw) : uniqueMessage(draw)}`;
      signal?.lines.push(line);
      out.push(line);
    }
  }
  return {
    content: out.join('\n'),
    layout: records ? 'blank-line-separated records' : layout.name,
    signalTemplates: signals.map(({ level, lines }) => ({ level, lines })),
  };
}
