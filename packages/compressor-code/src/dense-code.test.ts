import {
  type DroppedSpan,
  defaultCompressors,
  estimateTokenizer,
  parseMarkers,
  SharedContext,
  spanText,
} from '@sharedcontext/core';
import {
  runCompressor,
  seededRandom,
} from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGrammar } from './grammar-loader.ts';
import { type CodeCompressorOptions, codeCompressor } from './index.ts';

const tokenizer = estimateTokenizer({ name: 'estimate' });

/** One synchronous run through the code compressor, as the pipeline makes it. */
function run(content: string, options: CodeCompressorOptions) {
  return runCompressor(codeCompressor(options), content, {
    tokenizer,
    contentType: 'code',
  });
}

async function parses(grammar: string, text: string): Promise<boolean> {
  const { parser } = await loadGrammar(grammar);
  const tree = parser.parse(text)!;
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

function saving(content: string, output: string): number {
  return 1 - tokenizer.count(output) / tokenizer.count(content);
}

/** Every marker in the output is a recorded span, and every span is a slice of the original. */
function expectRetrievable(
  content: string,
  output: string,
  spans: readonly DroppedSpan[],
) {
  expect(parseMarkers(output).map((ref) => ref.spanId)).toEqual(
    spans.map((span) => span.id),
  );
  for (const span of spans) {
    const [start, end] = span.ranges![0]!;
    expect(spanText(content, span)).toBe(content.slice(start, end));
  }
}

const SYLLABLES = ['ka', 'lo', 'mir', 'tes', 'van', 'dor', 'pel', 'quo', 'rin'];

function names(next: () => number, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    const parts = 2 + Math.floor(next() * 3);
    let name = '';
    for (let part = 0; part < parts; part++)
      name += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    seen.add(name);
  }
  return [...seen];
}

const capital = (name: string): string =>
  name[0]!.toUpperCase() + name.slice(1);

interface Dense {
  grammar: string;
  content: string;
  declared: string[];
}

/** A dense file: a long enum or struct, then many functions of two to four lines. */
const GENERATORS: Record<string, (next: () => number) => Dense> = {
  typescript(next) {
    const [kind, ...functions] = names(next, 31);
    const variants = names(next, 16).map(capital);
    const lines = [`export enum ${capital(kind!)} {`];
    for (const [index, variant] of variants.entries())
      lines.push(`  /** The ${variant} case. */`, `  ${variant} = ${index},`);
    lines.push('}', '');
    for (const name of functions) {
      lines.push(
        `export function ${name}(input: number, label: string): string {`,
        `  const scaled = input * ${Math.floor(next() * 100)} + label.length;`,
        `  const text = \`\${label}:\${scaled.toFixed(2)}\`;`,
        `  return text.padStart(${Math.floor(next() * 40)}, '-');`,
        '}',
        '',
      );
    }
    return {
      grammar: 'typescript',
      content: lines.join('\n'),
      declared: [capital(kind!), ...variants, ...functions],
    };
  },
  python(next) {
    const [owner, ...methods] = names(next, 31);
    const lines = [
      `class ${capital(owner!)}:`,
      '    """A generated class."""',
      '',
    ];
    for (const name of methods) {
      lines.push(
        `    def ${name}(self, value: int, label: str) -> str:`,
        `        scaled = value * ${Math.floor(next() * 100)} + len(label)`,
        `        text = f"{label}:{scaled:.2f}"`,
        `        return text.rjust(${Math.floor(next() * 40)}, "-")`,
        '',
      );
    }
    return {
      grammar: 'python',
      content: lines.join('\n'),
      declared: [capital(owner!), ...methods],
    };
  },
  rust(next) {
    const [kind, ...functions] = names(next, 31);
    const variants = names(next, 16).map(capital);
    const lines = [`pub enum ${capital(kind!)} {`];
    for (const [index, variant] of variants.entries())
      lines.push(
        `    /// The ${variant} case.`,
        `    ${variant}(u${8 << (index % 3)}),`,
      );
    lines.push('}', '');
    for (const name of functions) {
      lines.push(
        `pub fn ${name}(input: u64, label: &str) -> String {`,
        `    let scaled = input * ${Math.floor(next() * 100)} + label.len() as u64;`,
        `    let text = format!("{}:{}", label, scaled);`,
        `    text.repeat(${1 + Math.floor(next() * 3)}).to_uppercase()`,
        '}',
        '',
      );
    }
    return {
      grammar: 'rust',
      content: lines.join('\n'),
      declared: [capital(kind!), ...variants, ...functions],
    };
  },
  go(next) {
    const [record, ...functions] = names(next, 31).map(capital);
    const fields = names(next, 16).map(capital);
    const lines = ['package dense', '', `type ${record} struct {`];
    for (const field of fields)
      lines.push(`\t// ${field} is a generated field.`, `\t${field} int64`);
    lines.push('}', '');
    for (const name of functions) {
      lines.push(
        `func ${name}(input int64, label string) string {`,
        `\tscaled := input*${Math.floor(next() * 100)} + int64(len(label))`,
        `\ttext := fmt.Sprintf("%s:%d", label, scaled)`,
        `\treturn strings.Repeat(text, ${1 + Math.floor(next() * 3)})`,
        '}',
        '',
      );
    }
    return {
      grammar: 'go',
      content: lines.join('\n'),
      declared: [record!, ...fields, ...functions],
    };
  },
};

beforeAll(async () => {
  await codeCompressor({
    languages: ['typescript', 'python', 'rust', 'go'],
  }).prepare?.();
});

describe('codeCompressor on dense code', () => {
  it('elides short bodies of a dense file, which it used to keep whole', async () => {
    const { content, grammar } = GENERATORS.typescript!(seededRandom(1));
    const { spans, ...result } = run(content, { language: grammar });
    // Every body is three lines, under the four-line limit of 'balanced'.
    expect(spans.length).toBeGreaterThan(10);
    expect(saving(content, result.output)).toBeGreaterThan(0.4);
    expect(await parses(grammar, result.output)).toBe(true);
    expectRetrievable(content, result.output, spans);
  });

  it("keeps every short body at detail 'most'", () => {
    const { content, grammar } = GENERATORS.typescript!(seededRandom(1));
    const result = run(content, { language: grammar, detail: 'most' });
    expect(result.output).toBe(content);
  });

  it('keeps a short constructor body when it elides the short bodies around it', () => {
    const helpers = Array.from(
      { length: 30 },
      (_, index) =>
        `def helper_${index}(value):\n    total = value * ${index} + len(str(value)) - ${index * 7}\n    text = f"{total:08.3f}-{value!r}-{total:x}"\n    return text.upper().strip().replace("-", "/")\n`,
    ).join('\n');
    const content = `class Shape:\n    def __init__(self, width, height):\n        self.width = width\n        self.height = height\n        self.area = width * height\n\n\n${helpers}`;
    const result = run(content, { language: 'python' });
    expect(result.output).toContain('        self.area = width * height');
    expect(result.output).toMatch(
      /def helper_0\(value\):\n {4}\.\.\. {2}# \[…/,
    );
  });

  it('outlines a long union of string literals behind one counted marker', async () => {
    const mimes = Array.from({ length: 30 }, (_, index) => `"type/${index}"`);
    const content = `export type Mime =\n${mimes.map((mime) => `  | ${mime}`).join('\n')}\n  | (string & {});\n\nexport type Small = "a" | "b" | "c";\n`;
    const { spans, ...result } = run(content, { language: 'typescript' });
    expect(result.output).toBe(
      'export type Mime =\n  | "type/0"\n  | "type/1"\n  | "type/2" /* [… 27 literals · sc:k#1 …] */\n  | (string & {});\n\nexport type Small = "a" | "b" | "c";\n',
    );
    expect(spanText(content, spans[0]!)).toBe(
      content.slice(
        content.indexOf('\n  | "type/3"'),
        content.indexOf('"type/29"') + '"type/29"'.length,
      ),
    );
    expect(await parses('typescript', result.output)).toBe(true);
  });

  it('outlines a long interface naming every member in the marker, and keeps an enum the marker would not shorten', async () => {
    const members = Array.from({ length: 14 }, (_, index) => `field${index}`);
    const content = [
      'export interface Options {',
      ...members.map((name) => `  /** Sets ${name}. */\n  ${name}?: number;`),
      '}',
      '',
      'export enum Level {',
      ...members.map((name, index) => `  ${capital(name)} = ${index},`),
      '}',
      '',
    ].join('\n');
    const { spans, ...result } = run(content, { language: 'typescript' });
    for (const name of members) {
      expect(result.output).toMatch(new RegExp(`\\b${name}\\b`));
      expect(result.output).toMatch(new RegExp(`\\b${capital(name)}\\b`));
    }
    expect(result.output).toContain(
      '  field2?: number;\n  /* [… 11 members: field3, field4,',
    );
    expect(spans).toHaveLength(1);
    expect(result.output).toContain('  Field13 = 13,\n}');
    expect(await parses('typescript', result.output)).toBe(true);
    expectRetrievable(content, result.output, spans);
  });

  it('outlines a long array of numbers and keeps a short one', async () => {
    const content = `pub static POW10: [f64; 40] = [\n${Array.from({ length: 40 }, (_, index) => `    1e${index},`).join('\n')}\n];\npub static SMALL: [u8; 3] = [1, 2, 3];\n`;
    const { spans, ...result } = run(content, { language: 'rust' });
    expect(result.output).toContain(
      '    1e2 /* [… 37 literals · sc:k#1 …] */,\n];',
    );
    expect(result.output).toContain('[1, 2, 3]');
    expect(await parses('rust', result.output)).toBe(true);
    expectRetrievable(content, result.output, spans);
  });

  it('keeps the names of a Python __all__ list', () => {
    const exported = Array.from(
      { length: 20 },
      (_, index) => `"name_${index}"`,
    );
    const content = `__all__ = [${exported.join(', ')}]\n`;
    expect(run(content, { language: 'python' }).output).toBe(content);
  });

  it('lets a reader pull each outlined part back byte for byte', async () => {
    const { content } = GENERATORS.rust!(seededRandom(7));
    const ctx = new SharedContext({
      compressors: [
        codeCompressor({ language: 'rust' }),
        ...defaultCompressors(),
      ],
      tokenizer,
      minTokens: 0,
    });
    await ctx.put('dense', content, { contentType: 'code' });
    const compressed = (await ctx.get('dense'))!;
    const refs = parseMarkers(compressed);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const text = await ctx.retrieve('dense', {
        marker: `sc:${ref.key}#${ref.spanId}`,
      });
      expect(content).toContain(text!);
    }
    expect(await ctx.get('dense', { full: true })).toBe(content);
  });

  describe.each(Object.keys(GENERATORS))('on generated %s', (language) => {
    it('keeps every declared name, parses, and saves above a floor, over 20 seeds', async () => {
      for (let seed = 1; seed <= 20; seed++) {
        const { grammar, content, declared } = GENERATORS[language]!(
          seededRandom(seed),
        );
        const { spans, ...result } = run(content, { language: grammar });
        for (const name of declared)
          expect(result.output, `seed ${seed}`).toMatch(
            new RegExp(`\\b${name}\\b`),
          );
        expect(await parses(grammar, result.output), `seed ${seed}`).toBe(true);
        expectRetrievable(content, result.output, spans);
        expect(saving(content, result.output), `seed ${seed}`).toBeGreaterThan(
          0.3,
        );
      }
    });
  });
});
