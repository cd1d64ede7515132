import { describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { templateText } from './json-columns.ts';
import { decodeJson } from './json-decode.ts';
import {
  type DerivationSource,
  exceptionBudget,
  inferTemplate,
} from './json-derivation.ts';
import { inferCellTemplate } from './json-residual.ts';

const NAMES = [
  'Ada Lovelace',
  'Alan Turing',
  'Grace Hopper',
  'Edsger Dijkstra',
  'Barbara Liskov',
];

function source(name: string, values: readonly unknown[]): DerivationSource {
  return { column: { name, path: [name] }, values };
}

/** The header text of the template inferred for `targets`, or undefined. */
function inferred(
  targets: readonly unknown[],
  sources: readonly DerivationSource[],
  maxMisses = 0,
): string | undefined {
  const parts = inferTemplate(targets, sources, maxMisses);
  return parts && templateText({ parts });
}

describe('inferTemplate', () => {
  const names = source('name', NAMES);

  it('derives emails, handles, codes and slugs from a name', () => {
    const spelled = (spell: (first: string, last: string) => string) =>
      NAMES.map((name) => {
        const [first, last] = name.split(' ') as [string, string];
        return spell(first, last);
      });
    const expectations: Array<[string[], string]> = [
      [
        spelled((f, l) => `${f}.${l}@example.com`.toLowerCase()),
        '`{name|join.|lower}@example.com`',
      ],
      [spelled((f, l) => `${f}_${l}`.toLowerCase()), '`{name|join_|lower}`'],
      [
        spelled((f, l) => `${f[0]}${l}@corp.io`.toLowerCase()),
        '`{name|initial|join|lower}@corp.io`',
      ],
      [spelled((f, l) => `${l}.${f}`), '`{name|reverse|join.}`'],
      [spelled((_, l) => `EMP-${l.toUpperCase()}`), '`EMP-{name|last|upper}`'],
      [
        spelled((f, l) => `/people/${f}-${l}`.toLowerCase()),
        '`/people/{name|join-|lower}`',
      ],
    ];
    for (const [targets, template] of expectations)
      expect(inferred(targets, [names])).toBe(template);
  });

  it('reads a name back from a dotted login', () => {
    const logins = source(
      'login',
      NAMES.map((name) => name.toLowerCase().replace(' ', '.')),
    );
    expect(inferred(NAMES, [logins])).toBe('`{login|split.|title}`');
  });

  it('derives one string from two columns', () => {
    const first = source(
      'first',
      NAMES.map((name) => name.split(' ')[0]),
    );
    const last = source(
      'last',
      NAMES.map((name) => name.split(' ')[1]),
    );
    const emails = NAMES.map(
      (name) => `${name.toLowerCase().replace(' ', '.')}@example.com`,
    );
    expect(inferred(emails, [first, last])).toBe(
      '`{first|lower}.{last|lower}@example.com`',
    );
    const ids = source('id', [7, 8, 9, 10, 11]);
    expect(
      inferred(
        ids.values.map((id, row) => `${NAMES[row]!.split(' ')[1]}#${id}`),
        [ids, last],
      ),
    ).toBe('`{last}#{id}`');
  });

  it('refuses a template that one row breaks', () => {
    const emails = NAMES.map(
      (name) => `${name.toLowerCase().replace(' ', '.')}@example.com`,
    );
    emails[3] = 'edsger.dijkstra@example.org';
    expect(inferred(emails, [names])).toBeUndefined();
    emails[3] = 'e.dijkstra@example.com';
    expect(inferred(emails, [names])).toBeUndefined();
  });

  it('takes a Unicode case mapping only when it rebuilds every row', () => {
    const people = source('name', ['Jürgen Groß', 'Zoë Weiß', 'Ana Núñez']);
    // `ß` upper-cases to `SS`: reproducible, so taken.
    expect(inferred(['JÜRGEN.GROSS', 'ZOË.WEISS', 'ANA.NÚÑEZ'], [people])).toBe(
      '`{name|join.|upper}`',
    );
    // `SS` lower-cases to `ss`, never back to `ß`: refused.
    const upper = source('code', ['JÜRGEN GROSS', 'ZOË WEISS', 'ANA NÚÑEZ']);
    expect(
      inferred(['jürgen.groß', 'zoë.weiß', 'ana.núñez'], [upper]),
    ).toBeUndefined();
    // `İ` lower-cases to `i̇` (two code points), not to `i`: refused.
    const turkish = source('name', ['İpek Yılmaz', 'Ali Işık', 'İlker Ünal']);
    expect(
      inferred(['ipek.yılmaz', 'ali.ışık', 'ilker.ünal'], [turkish]),
    ).toBeUndefined();
    expect(
      inferred(
        ['i\u0307pek.yılmaz', 'ali.işık', 'i\u0307lker.ünal'],
        [turkish],
      ),
    ).toBe('`{name|join.|lower}`');
    // A decomposed accent: the initial is the bare letter, as the rows say.
    const decomposed = source('name', [
      'E\u0301mile Zola',
      'Ana Núñez',
      'Zoë W',
    ]);
    expect(inferred(['EZ', 'AN', 'ZW'], [decomposed])).toBe(
      '`{name|initials|join}`',
    );
  });

  it('leaves columns that are not strings, or that no source spells, alone', () => {
    expect(inferred([1, 2, 3], [names])).toBeUndefined();
    expect(inferred(['x', 'y', 'z', 'w', 'v'], [names])).toBeUndefined();
    expect(inferred(['only one'], [source('a', ['only one'])])).toBeUndefined();
  });

  it('skips sources whose names would end a field early', () => {
    const odd = source('a|b', NAMES);
    expect(
      inferred(
        NAMES.map((name) => `${name}!`),
        [odd],
      ),
    ).toBeUndefined();
  });
});

describe('inferTemplate with exceptions', () => {
  const PEOPLE = [
    ...NAMES,
    'Donald Knuth',
    'Ken Thompson',
    'Dennis Ritchie',
    'Niklaus Wirth',
  ];
  const names = source('name', PEOPLE);
  const emails = (): unknown[] =>
    PEOPLE.map((name) => `${name.toLowerCase().replace(' ', '.')}@example.com`);

  it('lets a quarter of the rows at most break the template', () => {
    expect(exceptionBudget(7)).toBe(0);
    expect(exceptionBudget(9)).toBe(2);
    const targets = emails();
    targets[3] = 'ewd@cs.utexas.edu';
    targets[6] = null;
    expect(inferred(targets, [names])).toBeUndefined();
    expect(inferred(targets, [names], 2)).toBe(
      '`{name|join.|lower}@example.com`',
    );
    targets[7] = 'dmr@bell-labs.com';
    expect(inferred(targets, [names], 2)).toBeUndefined();
  });

  it('finds the template when the first row is an exception', () => {
    const targets = emails();
    targets[0] = 'countess@analytical.engine';
    expect(inferred(targets, [names], 2)).toBe(
      '`{name|join.|lower}@example.com`',
    );
  });

  it('writes the exceptions as cells and reads them back', async () => {
    const records = Array.from({ length: 28 }, (_, seq) => ({
      seq,
      msg: `heartbeat ping ${seq}`,
    }));
    records.splice(9, 0, { seq: 9, msg: 'checkpoint saved at step 4500' });
    const text = JSON.stringify(records);
    for (const lossless of [true, false]) {
      const { compressed } = await compress(text, { lossless, minTokens: 0 });
      expect(compressed).toContain('msg=`heartbeat ping {seq}`?');
      expect(compressed).toContain('\n9,checkpoint saved at step 4500\n');
      expect(decodeJson(compressed)).toEqual(records);
    }
  });
});

describe('inferCellTemplate', () => {
  const REPOS = [
    ['codecrafters-io', 'build-your-own-x'],
    ['sindresorhus', 'awesome'],
    ['freeCodeCamp', 'freeCodeCamp'],
    ['public-apis', 'public-apis'],
  ] as const;
  const names = source(
    'name',
    REPOS.map(([, name]) => name),
  );
  const cellTemplate = (targets: readonly unknown[]): string | undefined => {
    const parts = inferCellTemplate(targets, [names]);
    return parts && templateText({ parts });
  };

  it('keeps the text no column gives as the cell', () => {
    expect(cellTemplate(REPOS.map(([owner, name]) => `${owner}/${name}`))).toBe(
      '`{}/{name}`',
    );
    expect(
      cellTemplate(
        REPOS.map(([owner, name]) => `https://github.com/${owner}/${name}`),
      ),
    ).toBe('`https://github.com/{}/{name}`');
    expect(
      cellTemplate(REPOS.map(([owner, name]) => `${name}@${owner}.dev`)),
    ).toBe('`{name}@{}.dev`');
  });

  it('refuses a column the source does not end or open in every row', () => {
    const targets = REPOS.map(([owner, name]) => `${owner}/${name}`);
    targets[2] = 'freeCodeCamp/curriculum';
    expect(cellTemplate(targets)).toBeUndefined();
  });

  it('refuses a field that gives too little of the text', () => {
    const short = source('tag', ['abc', 'abd', 'abe', 'abf']);
    const long = [
      'abc: a long description of the first thing',
      'abd: another long description, of the second',
      'abe: the third long description in the list',
      'abf: and a fourth long description at the end',
    ];
    expect(inferCellTemplate(long, [short])).toBeUndefined();
  });

  it('writes the cells and reads them back', async () => {
    const records = REPOS.map(([owner, name], id) => ({
      id,
      name,
      repo: `${owner}/${name}`,
    }));
    const { compressed } = await compress(JSON.stringify(records), {
      lossless: true,
      minTokens: 0,
    });
    expect(compressed).toContain('repo=`{}/{name}`');
    expect(decodeJson(compressed)).toEqual(records);
  });
});
