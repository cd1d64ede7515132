/**
 * Line patterns per language; a line counts once per language.
 *
 * Lines are untrusted, so every pattern runs in linear time: no two
 * quantifiers that can match the same character sit next to each other
 * (`\s*\{?\s*$` is written `\s*(?:\{\s*)?$`, `\s+[\w ]+` starts the class
 * with a non-space), and none is nested in another.
 * `pathological-input.test.ts` checks it with seeded hostile lines.
 */
export interface LanguagePatterns {
  /** The `language` reported in the detection (tree-sitter grammar names). */
  language: string;
  patterns: readonly RegExp[];
  /** Lines only this language has; one is needed unless `exclusive` is empty. */
  exclusive: readonly RegExp[];
}

const JS: readonly RegExp[] = [
  /^\s*(export\s+)?(default\s+)?(async\s+)?function\*?\s*(?:\w+\s*)?\(/,
  /^\s*(export\s+)?(const|let|var)\s+[\w${}[\],][\w${}[\],\s]*=/,
  /^\s*(export\s+)?(default\s+)?class\s+\w+/,
  /^\s*import\s.*\sfrom\s+['"]|^\s*import\s+['"]/,
  /^\s*export\s+(\{|\*|default)/,
  /=>\s*(?:\{\s*)?$|\)\s*=>\s/,
  /\bmodule\.exports\b|\brequire\(['"]/,
  /^\s*(return|throw new \w+)\b/,
  /^\s*(if|for|while|switch)\s*\(.*\)\s*(?:\{\s*)?$/,
  /^\s*\}\)?;?\s*$/,
];

/**
 * A TypeScript declaration: `interface X`, `enum X`, `namespace X`,
 * `declare …`, a type alias `type X = …` (with `=`: Go writes `type X
 * struct {` and `type X interface {`, which are not TypeScript), and a
 * type-only name in an import or export list (`type X,`, `export type {`).
 */
const TS_DECLARATION =
  /^\s*(export\s+)?(?:(?:interface|enum|namespace|declare)\s+\w+|type\s+(?:\{|[\w$]+\s*(?:<[^=]*>)?\s*(?:=|,|$)))/;

/** The built-in languages, in tie-break order. */
export const LANGUAGES: readonly LanguagePatterns[] = [
  {
    language: 'python',
    patterns: [
      /^\s*(async\s+)?def\s+\w+\s*\(.*\)\s*(->[^:]+)?:\s*$/,
      /^\s*class\s+\w+(\(.*\))?:\s*$/,
      /^\s*from\s+[\w.]+\s+import\s+/,
      /^\s*import\s+[\w.]+(\s+as\s+\w+)?(,\s*[\w.]+)*\s*$/,
      /^\s*@\w+(\.\w+)*(\(.*\))?\s*$/,
      /^\s*("""|''')/,
      /^if __name__ == ['"]__main__['"]:/,
      /^\s*(elif|except|finally|try|else)\b.*:\s*$/,
      /\bself\.\w+/,
      /^\s*(return|pass|raise|yield)\b/,
    ],
    exclusive: [
      /:\s*$/,
      /^\s*(from\s+[\w.]+\s+import|import\s+[\w.]+\s*$)/,
      /\bself\./,
      /^\s*(""")/,
    ],
  },
  {
    language: 'typescript',
    patterns: [
      ...JS,
      TS_DECLARATION,
      /:\s*(string|number|boolean|any|void|unknown|never|Promise<|Record<|Array<|readonly\s)/,
      /^\s*(public|private|protected|readonly)\s+\w+\s*[:(]/,
      /^\s*import\s+type\s/,
    ],
    exclusive: [
      TS_DECLARATION,
      /[\w)]\s*:\s*(string|number|boolean|any|void|unknown|never|Promise<|Record<|Array<)/,
      /^\s*import\s+type\s/,
      /<\w+(\[\])?>\(/,
    ],
  },
  { language: 'javascript', patterns: JS, exclusive: [] },
  {
    language: 'go',
    patterns: [
      /^package\s+\w+\s*$/,
      /^func\s+(\(\w+\s+\*?\w+\)\s+)?\w+\s*\(/,
      /^import\s+(\(|")/,
      /^type\s+\w+\s+(struct|interface)\b/,
      /\w\s*:=/,
      /\bif err != nil\b/,
      /\bfmt\.\w+\(/,
      /^\s*(return|defer|go)\b/,
    ],
    exclusive: [/^package\s+\w+\s*$/, /:=/, /^func\s/],
  },
  {
    language: 'rust',
    patterns: [
      /^\s*(pub(\([\w:]+\))?\s+)?(async\s+)?fn\s+\w+/,
      /^\s*(pub\s+)?(struct|enum|trait|mod|type)\s+\w+/,
      /^\s*impl(<.*>)?\s+[\w:<>]+/,
      /^\s*(pub\s+)?use\s+[\w:{},*][\w:{}, *]*;/,
      /^\s*#!?\[\w+/,
      /\blet\s+(mut\s+)?\w+/,
      /->\s*[\w<>&']+\s*(?:\{\s*)?$/,
      /\b(Some|None|Ok|Err)\(|\bmatch\s.*\{\s*$/,
      /::\w+/,
    ],
    exclusive: [
      /\bfn\s+\w+/,
      /^\s*impl\b/,
      /\blet\s+mut\b/,
      /^\s*(pub\s+)?use\s+\w+::/,
      /^\s*#\[derive/,
    ],
  },
  {
    language: 'java',
    patterns: [
      /^package\s+[\w.]+;\s*$/,
      /^import\s+(static\s+)?[\w.]+(\.\*)?;\s*$/,
      /^\s*(public|private|protected)\s+(static\s+)?(final\s+)?(abstract\s+)?(class|interface|enum|record)\s+\w+/,
      /^\s*@\w+(\(.*\))?\s*$/,
      /^\s*(public|private|protected)\s+[\w<>[\],][\w<>[\], ]*\s\w+\s*\(/,
      /\bSystem\.out\.print/,
      /^\s*(private|protected|public)\s+(static\s+)?final\s/,
    ],
    exclusive: [
      /^package\s+[\w.]+;/,
      /^import\s+[\w.]+;/,
      /^\s*@Override\b/,
      /\bSystem\.out\./,
      /\bextends\s+\w+/,
    ],
  },
  {
    language: 'csharp',
    patterns: [
      /^\s*using\s+[\w.]+;\s*$/,
      /^\s*namespace\s+[\w.]+\s*(?:[;{]\s*)?$/,
      /^\s*(public|private|protected|internal)\s+(static\s+|sealed\s+|abstract\s+|partial\s+)*(class|interface|enum|struct|record)\s+\w+/,
      /\{\s*get;\s*(?:(?:set|init);\s*)?\}/,
      /^\s*\[\w+(\(.*\))?\]\s*$/,
      /\basync\s+Task\b|\bvar\s+\w+\s*=\s*new\b/,
      /\bConsole\.Write(Line)?\(/,
      /^\s*(public|private|protected|internal)\s+[\w<>[\],?][\w<>[\], ?]*\s\w+\s*\(/,
    ],
    exclusive: [
      /^\s*using\s+[\w.]+;/,
      /^\s*namespace\s/,
      /\{\s*get;/,
      /\bConsole\./,
      /\bTask</,
    ],
  },
  {
    language: 'cpp',
    patterns: [
      /^\s*#include\s*[<"]/,
      /\bstd::\w+/,
      /^\s*template\s*</,
      /^\s*(class|struct)\s+\w+(\s*:\s*(public|private)\s+\w+)?\s*(?:\{\s*)?$/,
      /^\s*namespace\s+\w+\s*\{/,
      /^\s*(public|private|protected):\s*$/,
      /^\s*(int|void|bool|auto|char|double|float|size_t|const)\s+[\w:*&]+\s*\(/,
      /^\s*#(define|ifdef|ifndef|endif|pragma)\b/,
    ],
    exclusive: [
      /^\s*#include\b/,
      /\bstd::/,
      /^\s*template\s*</,
      /^\s*#(define|ifndef|pragma)\b/,
    ],
  },
  {
    language: 'ruby',
    patterns: [
      /^\s*def\s+[\w.?!]+(\(.*\))?\s*$/,
      /^\s*end\s*$/,
      /^\s*require(_relative)?\s+['"]/,
      /^\s*class\s+\w+(\s*<\s*[\w:]+)?\s*$/,
      /^\s*module\s+\w+\s*$/,
      /^\s*attr_(accessor|reader|writer)\b/,
      /\bdo\s*(?:\|.*\|\s*)?$/,
      /^\s*puts\s/,
    ],
    exclusive: [
      /^\s*end\s*$/,
      /^\s*require\s+['"]/,
      /\bdo\s*\|/,
      /^\s*attr_/,
      /^\s*puts\s/,
    ],
  },
  {
    language: 'php',
    patterns: [
      /^\s*<\?php/,
      /\$\w+\s*(=|->)/,
      /^\s*(?:(?:public|private|protected)\s+)?(static\s+)?function\s+\w+\s*\(/,
      /^\s*namespace\s+[\w\\]+;/,
      /^\s*use\s+[\w\\]+;/,
      /^\s*echo\s/,
    ],
    exclusive: [
      /<\?php/,
      /\$\w+->/,
      /^\s*namespace\s+\w+\\/,
      /^\s*use\s+\w+\\/,
    ],
  },
  {
    language: 'bash',
    patterns: [
      /^#!\/(usr\/)?bin\/(env\s+)?(ba|z)?sh/,
      /^\s*(if|elif|while|until)\s+\[\[?\s/,
      /^\s*(then|fi|do|done|esac|else)\s*$/,
      /^\s*(export|local|readonly)\s+\w+=/,
      /^\s*\w+\(\)\s*\{\s*$/,
      /^\s*echo\s/,
      /\$\{?\w+\}?/,
      /^\s*set\s+-[euxo]/,
    ],
    exclusive: [
      /^#!.*sh\b/,
      /^\s*(fi|done|esac)\s*$/,
      /^\s*set\s+-[eu]/,
      /\[\[\s/,
    ],
  },
];
