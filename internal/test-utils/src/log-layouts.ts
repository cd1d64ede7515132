/**
 * A seeded generator of logs in random layouts, for property tests that a
 * list of known formats cannot pass: timestamp styles, delimiters, field
 * orders, level spellings, message templates with variables, and injected
 * error and warning templates. Deterministic per seed.
 */

import { type Draw, int, MONTHS, pad, pick, seededRandom } from './seeded.ts';

/** What {@link generateLog} made. */
export interface GeneratedLog {
  content: string;
  /** The layout drawn, in words, for failure messages. */
  layout: string;
  /** Every injected error or warning template, with every line it wrote. */
  signalTemplates: Array<{ level: 'error' | 'warning'; lines: string[] }>;
}

/** Options of {@link generateLog}. */
export interface GenerateLogOptions {
  /** @default 2000 */
  lines?: number;
  /** Ordinary message templates. @default 8..40, drawn */
  templates?: number;
  /** Injected error and warning templates. @default 2..10, drawn */
  signalTemplates?: number;
}

/** Timestamp styles, from the epoch-seconds of the line. */
const STAMPS: ReadonlyArray<{ name: string; write(seconds: number): string }> =
  [
    { name: 'iso', write: (s) => new Date(s * 1000).toISOString() },
    {
      name: 'iso-space-comma',
      write: (s) =>
        new Date(s * 1000)
          .toISOString()
          .replace('T', ' ')
          .replace('.', ',')
          .replace('Z', ''),
    },
    {
      name: 'syslog',
      write: (s) => {
        const d = new Date(s * 1000);
        return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      },
    },
    {
      name: 'clf',
      write: (s) => {
        const d = new Date(s * 1000);
        return `[${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000]`;
      },
    },
    { name: 'epoch', write: (s) => String(s) },
    { name: 'epoch-ms', write: (s) => String(s * 1000 + (s % 997)) },
    {
      name: 'month-day-clock',
      write: (s) => {
        const d = new Date(s * 1000);
        return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(s % 1000, 3)}`;
      },
    },
    {
      name: 'bracketed-dotted',
      write: (s) => {
        const d = new Date(s * 1000);
        return `[${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}]`;
      },
    },
    {
      name: 'clock',
      write: (s) => {
        const d = new Date(s * 1000);
        return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(s % 1000, 3)}`;
      },
    },
    {
      name: 'compact',
      write: (s) => {
        const d = new Date(s * 1000);
        return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
      },
    },
    {
      // Seconds since start, as a kernel ring buffer writes them.
      name: 'bracketed-seconds',
      write: (s) =>
        `[${((s % 86_400) + (s % 997) / 997).toFixed(6).padStart(12, ' ')}]`,
    },
    {
      // A process id and role before a day-month-year clock.
      name: 'pid-role',
      write: (s) => {
        const d = new Date(s * 1000);
        return `${1000 + (s % 9)}:${'MCS'[s % 3]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(s % 1000, 3)}`;
      },
    },
    {
      name: 'slashed',
      write: (s) => {
        const d = new Date(s * 1000);
        return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}-${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      },
    },
  ];

/** Level spellings: [ordinary, warning, error] per style. */
const LEVELS: ReadonlyArray<readonly [string, string, string]> = [
  ['INFO', 'WARN', 'ERROR'],
  ['I', 'W', 'E'],
  ['info', 'warning', 'error'],
  ['Information', 'Warning', 'Error'],
  ['<info>', '<warn>', '<crit>'],
  ['[INFO]', '[WARNING]', '[FATAL]'],
  ['level=info', 'level=warn', 'level=error'],
  ['D', 'W', 'F'],
  ['notice', 'warn', 'err'],
  ['INF', 'WRN', 'ERR'],
];

const DELIMITERS = [' ', '  ', ' | ', '|', '\t', ' - ', ', '];

const WORDS = [
  'request',
  'session',
  'worker',
  'cache',
  'queue',
  'snapshot',
  'replica',
  'segment',
  'channel',
  'lease',
  'batch',
  'index',
  'shard',
  'buffer',
  'policy',
  'bucket',
  'profile',
  'ticket',
  'stream',
  'volume',
];
const VERBS = [
  'started',
  'completed',
  'scheduled',
  'accepted',
  'flushed',
  'renewed',
  'opened',
  'closed',
  'synced',
  'merged',
  'rotated',
  'loaded',
];
const ERROR_PHRASES = [
  'failed to connect to',
  'connection refused by',
  'permission denied for',
  'timed out waiting for',
  'unavailable:',
  'raised an exception in',
  'aborted while reading',
  'killed after exceeding',
  'panic in handler for',
];
const SIGNAL_HEADS = [
  'handshake',
  'checkpoint',
  'migration',
  'heartbeat',
  'compaction',
  'election',
  'upload',
  'rollback',
  'eviction',
  'rebalance',
  'handover',
  'quota',
];
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace'];
const COMPONENTS = ['api', 'db', 'auth', 'scheduler', 'net', 'storage', 'ui'];

/** A variable slot's value. */
const VARIABLES: ReadonlyArray<(draw: Draw) => string> = [
  (draw) => String(int(draw, 0, 99_999)),
  (draw) => int(draw, 0, 0xffffffff).toString(16),
  (draw) =>
    `${int(draw, 1, 254)}.${int(draw, 0, 254)}.${int(draw, 0, 254)}.${int(draw, 1, 254)}`,
  (draw) => `/${pick(draw, WORDS)}/${pick(draw, WORDS)}-${int(draw, 1, 99)}`,
  (draw) => `${int(draw, 1, 5000)}ms`,
  (draw) => pick(draw, USERS),
];

type Slot = string | ((draw: Draw) => string);

function messageTemplate(draw: Draw, head: readonly string[]): Slot[] {
  const slots: Slot[] = [...head];
  const length = int(draw, 2, 9);
  for (let i = 0; i < length; i++) {
    slots.push(
      draw() < 0.3
        ? pick(draw, VARIABLES)
        : pick(draw, draw() < 0.5 ? WORDS : VERBS),
    );
  }
  return slots;
}

function render(draw: Draw, slots: readonly Slot[]): string {
  return slots
    .map((slot) => (typeof slot === 'string' ? slot : slot(draw)))
    .join(' ');
}

/**
 * A log of `lines` lines in a layout drawn from `seed`: a timestamp style,
 * a delimiter, an order of the leading fields (timestamp, level,
 * component, process id, host; in some layouts a wide header of 4–8 id,
 * node and subsystem fields after the timestamp), a level spelling,
 * ordinary templates used with skewed frequencies, and injected error and
 * warning templates (each with a level field, half also with an error
 * word; in some logs all sharing a head word) used 1–20 times.
 */
export function generateLog(
  seed: number,
  options: GenerateLogOptions = {},
): GeneratedLog {
  const draw = seededRandom(seed);
  const total = options.lines ?? 2000;
  const stamp = pick(draw, STAMPS);
  const levels = pick(draw, LEVELS);
  const delimiter = pick(draw, DELIMITERS);
  const fields = ['stamp', 'level', 'component', 'pid', 'host'].filter(
    (field) => field === 'stamp' || field === 'level' || draw() < 0.5,
  );
  // Shuffle, but keep the timestamp first in most layouts, as most are.
  for (let i = fields.length - 1; i > 0; i--) {
    const j = Math.floor(draw() * (i + 1));
    [fields[i], fields[j]] = [fields[j]!, fields[i]!];
  }
  if (draw() < 0.7) {
    fields.splice(fields.indexOf('stamp'), 1);
    fields.unshift('stamp');
  }
  // Some layouts put a wide header before the level: ids, node names, a
  // second clock, a subsystem, so the level sits past the first fields.
  const wide = draw() < 0.3 ? int(draw, 4, 8) : 0;
  if (wide > 0) {
    const at = fields.indexOf('stamp') + 1;
    fields.splice(at, 0, ...Array.from({ length: wide }, (_, i) => `wide${i}`));
  }
  const wideValues: ReadonlyArray<(draw: Draw) => string> = [
    (draw) =>
      `R${pad(int(draw, 0, 63))}-M${int(draw, 0, 1)}-N${'0123456789ABCDEF'[int(draw, 0, 15)]}`,
    () => pick(draw, ['RAS', 'SYS', 'HW']),
    () => pick(draw, ['KERNEL', 'APP', 'MMCS']),
    (draw) => String(int(draw, 1_000_000, 9_999_999)),
    (draw) => `${pick(draw, WORDS)}-${int(draw, 1, 9)}`,
  ];
  const wideSlots = Array.from({ length: wide }, () => pick(draw, wideValues));
  // In some logs the error and warning templates share a head word and
  // differ further on, in two words or more.
  const sharedHead = draw() < 0.4 ? pick(draw, SIGNAL_HEADS) : undefined;
  const host = `${pick(draw, WORDS)}-${int(draw, 1, 40)}`;
  const ordinary = Array.from(
    { length: options.templates ?? int(draw, 8, 40) },
    () => messageTemplate(draw, [pick(draw, WORDS)]),
  );
  const signals = Array.from(
    { length: options.signalTemplates ?? int(draw, 2, 10) },
    (_, i) => {
      const level = draw() < 0.7 ? ('error' as const) : ('warning' as const);
      // Distinct head words keep injected templates distinct events.
      const head = sharedHead
        ? [
            sharedHead,
            SIGNAL_HEADS[i % SIGNAL_HEADS.length]!,
            SIGNAL_HEADS[(i + 5) % SIGNAL_HEADS.length]!,
          ]
        : [SIGNAL_HEADS[i % SIGNAL_HEADS.length]!];
      if (level === 'error' && draw() < 0.5)
        head.push(...pick(draw, ERROR_PHRASES).split(' '));
      return {
        level,
        slots: messageTemplate(draw, head),
        uses: int(draw, 1, 20),
        lines: [] as string[],
      };
    },
  );
  const plan: Array<number> = [];
  signals.forEach((signal, i) => {
    for (let use = 0; use < signal.uses; use++) plan.push(-1 - i);
  });
  while (plan.length < total) {
    // Skewed: a few templates write most lines, as in real logs.
    const rank = Math.floor(draw() ** 2 * ordinary.length);
    plan.push(rank);
  }
  plan.length = total;
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(draw() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  let seconds = 1_700_000_000 + int(draw, 0, 30_000_000);
  const out = plan.map((choice) => {
    seconds += int(draw, 0, 3);
    const signal = choice < 0 ? signals[-1 - choice]! : undefined;
    const level = signal ? levels[signal.level === 'error' ? 2 : 1] : levels[0];
    const values: Record<string, string> = {
      stamp: stamp.write(seconds),
      level,
      component: pick(draw, COMPONENTS),
      pid: String(int(draw, 100, 32_000)),
      host,
    };
    wideSlots.forEach((slot, i) => {
      values[`wide${i}`] = slot(draw);
    });
    const head = fields.map((field) => values[field]!).join(delimiter);
    const line = `${head}${delimiter}${render(draw, signal ? signal.slots : ordinary[choice]!)}`;
    signal?.lines.push(line);
    return line;
  });
  return {
    content: out.join('\n'),
    layout: `${stamp.name} stamps, levels ${levels.join('/')}, delimiter ${JSON.stringify(delimiter)}, fields ${fields.join(',')}${sharedHead ? `, signal templates sharing the head word ${sharedHead}` : ''}`,
    signalTemplates: signals.map(({ level, lines }) => ({ level, lines })),
  };
}
