/**
 * How a long body is replaced, so the output still parses:
 * - `brace`: `{ /* marker *\/ }` (C family, Rust, Go, PHP, TypeScript, ...);
 * - `python`: `...  # marker` after the docstring;
 * - `ruby`: `# marker` between `def` and `end`;
 * - `bash`: `{` newline `: # marker` newline `}` (bash needs a command in braces).
 */
export type BodyStyle = 'brace' | 'python' | 'ruby' | 'bash';

/** What the compressor knows about one grammar. */
export interface LanguageSpec {
  /** The grammar name: `tree-sitter-<grammar>.wasm`. */
  grammar: string;
  /** Node types whose `body` field is a candidate for elision. */
  functions: ReadonlySet<string>;
  /** Body node types that can be elided (blocks, not expressions). */
  bodies: ReadonlySet<string>;
  style: BodyStyle;
  /**
   * Node types holding a declaration's members (enum variants, struct
   * fields, interface properties): outlined when long, every member name kept.
   */
  memberLists: ReadonlySet<string>;
  /** Node types of a union of types or a list of values, whose runs of literals may be outlined. */
  literalLists: ReadonlySet<string>;
}

const JS_FUNCTIONS = [
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'function',
  'generator_function',
  'arrow_function',
  'method_definition',
];

const TS_MEMBER_LISTS = ['interface_body', 'object_type', 'enum_body'];

function spec(
  grammar: string,
  functions: string[],
  bodies: string[],
  style: BodyStyle = 'brace',
  memberLists: string[] = [],
  literalLists: string[] = [],
): LanguageSpec {
  return {
    grammar,
    functions: new Set(functions),
    bodies: new Set(bodies),
    style,
    memberLists: new Set(memberLists),
    literalLists: new Set(literalLists),
  };
}

const SPECS: Record<string, LanguageSpec> = {
  typescript: spec(
    'typescript',
    JS_FUNCTIONS,
    ['statement_block'],
    'brace',
    TS_MEMBER_LISTS,
    ['union_type', 'array'],
  ),
  tsx: spec(
    'tsx',
    JS_FUNCTIONS,
    ['statement_block'],
    'brace',
    TS_MEMBER_LISTS,
    ['union_type', 'array'],
  ),
  javascript: spec(
    'javascript',
    JS_FUNCTIONS,
    ['statement_block'],
    'brace',
    [],
    ['array'],
  ),
  python: spec(
    'python',
    ['function_definition'],
    ['block'],
    'python',
    [],
    ['list', 'tuple', 'set'],
  ),
  go: spec(
    'go',
    ['function_declaration', 'method_declaration', 'func_literal'],
    ['block'],
    'brace',
    ['field_declaration_list', 'interface_type', 'const_declaration'],
    ['literal_value'],
  ),
  rust: spec(
    'rust',
    ['function_item', 'closure_expression'],
    ['block'],
    'brace',
    ['field_declaration_list', 'enum_variant_list'],
    ['array_expression'],
  ),
  java: spec(
    'java',
    [
      'method_declaration',
      'constructor_declaration',
      'compact_constructor_declaration',
      'lambda_expression',
    ],
    ['block', 'constructor_body'],
    'brace',
    ['enum_body'],
    ['array_initializer'],
  ),
  'c-sharp': spec(
    'c-sharp',
    [
      'method_declaration',
      'constructor_declaration',
      'destructor_declaration',
      'operator_declaration',
      'conversion_operator_declaration',
      'local_function_statement',
      'accessor_declaration',
      'lambda_expression',
      'anonymous_method_expression',
    ],
    ['block'],
    'brace',
    ['enum_member_declaration_list'],
    ['initializer_expression'],
  ),
  ruby: spec(
    'ruby',
    ['method', 'singleton_method', 'do_block'],
    ['body_statement'],
    'ruby',
    [],
    ['array'],
  ),
  php: spec(
    'php',
    ['function_definition', 'method_declaration', 'anonymous_function'],
    ['compound_statement'],
  ),
  cpp: spec(
    'cpp',
    ['function_definition', 'lambda_expression'],
    ['compound_statement'],
    'brace',
    ['enumerator_list'],
    ['initializer_list'],
  ),
  bash: spec('bash', ['function_definition'], ['compound_statement'], 'bash'),
};

/**
 * The languages this package parses, by grammar name (every grammar of
 * `@vscode/tree-sitter-wasm` that holds a programming language).
 */
export const SUPPORTED_LANGUAGES: readonly string[] = Object.freeze(
  Object.keys(SPECS),
);

// Names a detector, a user or a file extension may give, to grammar names.
const ALIASES: Record<string, string> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  node: 'javascript',
  py: 'python',
  pyi: 'python',
  python3: 'python',
  golang: 'go',
  rs: 'rust',
  csharp: 'c-sharp',
  'c#': 'c-sharp',
  cs: 'c-sharp',
  rb: 'ruby',
  'c++': 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  hxx: 'cpp',
  h: 'cpp',
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  ksh: 'bash',
};

/** The grammar name for a language name, alias or file extension; undefined if unsupported. */
export function normalizeLanguage(
  name: string | undefined,
): string | undefined {
  if (!name) return undefined;
  const lower = name.trim().toLowerCase();
  // Own keys only: `constructor` or `toString` is not a language.
  if (Object.hasOwn(SPECS, lower)) return lower;
  return Object.hasOwn(ALIASES, lower) ? ALIASES[lower] : undefined;
}

/** The grammar name for a file name's extension; undefined if unknown. */
export function languageFromFileName(
  fileName: string | undefined,
): string | undefined {
  if (!fileName) return undefined;
  const match = /\.([A-Za-z0-9+#]+)$/.exec(fileName);
  return match ? normalizeLanguage(match[1]) : undefined;
}

/** The spec of a supported grammar name. */
export function languageSpec(grammar: string): LanguageSpec | undefined {
  return Object.hasOwn(SPECS, grammar) ? SPECS[grammar] : undefined;
}
