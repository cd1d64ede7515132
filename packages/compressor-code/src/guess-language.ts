// Used only when neither the caller nor core's detector named a language:
// a few unambiguous hints first (shebang, `<?php`), then per-language line
// patterns over the first 200 lines, best score wins.

const SHEBANGS: Array<[RegExp, string]> = [
  [/^#!.*\b(bash|sh|zsh|ksh)\b/, 'bash'],
  [/^#!.*\bpython[0-9.]*\b/, 'python'],
  [/^#!.*\bruby\b/, 'ruby'],
  [/^#!.*\b(node|deno|bun)\b/, 'javascript'],
];

const PATTERNS: Record<string, readonly RegExp[]> = {
  typescript: [
    // `type X = …` and `type X,` in an import list, not Go's `type X struct {`.
    /^\s*(export\s+)?(?:(?:interface|enum|namespace|declare)\s+\w+|type\s+(?:\{|[\w$]+\s*(?:<[^=]*>)?\s*(?:=|,|$)))/,
    /[\w)?]\s*:\s*(string|number|boolean|any|void|unknown|never|Promise<|Record<|Array<)/,
    /^\s*import\s+type\s/,
    /^\s*(public|private|protected|readonly)\s+#?\w+\s*[:(?]/,
  ],
  javascript: [
    /^\s*(export\s+)?(default\s+)?(async\s+)?function\*?\s*(?:\w+\s*)?\(/,
    /^\s*(export\s+)?(const|let|var)\s+[\w${}[\],][\w${}[\],\s]*=/,
    /^\s*import\s.*\sfrom\s+['"]/,
    /\bmodule\.exports\b|\brequire\(['"]/,
    /=>\s*(?:\{\s*)?$/,
  ],
  python: [
    /^\s*(async\s+)?def\s+\w+\s*\(.*\)\s*(->[^:]+)?:\s*$/,
    /^\s*class\s+\w+(\(.*\))?:\s*$/,
    /^\s*from\s+[\w.]+\s+import\s+/,
    /^\s*import\s+[\w.]+(\s+as\s+\w+)?\s*$/,
    /\bself\.\w+/,
    /^\s*(elif|except|try|finally)\b.*:\s*$/,
  ],
  go: [
    /^package\s+\w+\s*$/,
    /^func\s/,
    /:=/,
    /\bif err != nil\b/,
    /^import\s+\(/,
  ],
  rust: [
    /^\s*(pub(\([\w:]+\))?\s+)?(async\s+)?fn\s+\w+/,
    /^\s*impl\b/,
    /\blet\s+(mut\s+)?\w+/,
    /^\s*(pub\s+)?use\s+\w+::/,
    /^\s*#!?\[\w+/,
  ],
  java: [
    /^package\s+[\w.]+;\s*$/,
    /^import\s+(static\s+)?[\w.]+(\.\*)?;\s*$/,
    /^\s*(public|private|protected)\s+[\w<>[\],][\w<>[\], ]*\s\w+\s*\(/,
    /\bSystem\.out\./,
  ],
  'c-sharp': [
    /^\s*using\s+[\w.]+;\s*$/,
    /^\s*namespace\s+[\w.]+/,
    /\{\s*get;\s*(private\s+)?set;\s*\}/,
    /^\s*(public|private|internal|protected)\s+[\w<>[\],][\w<>[\], ]*\s[A-Z]\w*\s*\(/,
  ],
  ruby: [
    /^\s*def\s+(self\.)?\w+[?!=]?(\(.*\))?\s*$/,
    /^\s*end\s*$/,
    /^\s*require(_relative)?\s+['"]/,
    /^\s*(module|class)\s+[A-Z]\w*(\s*<\s*[\w:]+)?\s*$/,
    /\bdo\s*(?:\|[^|]*\|\s*)?$/,
    /^\s*attr_(reader|writer|accessor)\b/,
  ],
  php: [
    /^\s*<\?php/,
    /\$\w+\s*=/,
    /^\s*(public|private|protected)\s+function\b/,
    /->\w+\(/,
  ],
  cpp: [
    /^\s*#include\s*[<"]/,
    /\bstd::/,
    /^\s*template\s*</,
    /^\s*(class|struct)\s+\w+\s*(:\s*public\b|\{)/,
    /::\w+\s*\(/,
  ],
  bash: [
    /^\s*\w+\s*\(\)\s*\{/,
    /^\s*(if|while)\s+\[\[?\s/,
    /^\s*(fi|done|esac)\s*$/,
    /^\s*(local|export|readonly)\s+\w+=/,
    // `${name}`, `$1`, `$HOME`; not a `$`-prefixed identifier (`$ZodType`).
    /(?:^|[\s"'=(])\$(?:\{\w+\}|\d|[A-Z_][A-Z0-9_]*\b)/,
  ],
};

/** A grammar name guessed from the content, or undefined. */
export function guessLanguage(content: string): string | undefined {
  const head = content.slice(0, 20_000);
  for (const [pattern, language] of SHEBANGS) {
    if (pattern.test(head)) return language;
  }
  if (/^\s*<\?php\b/.test(head)) return 'php';
  // Lines are untrusted: cut to 500 characters, and every pattern above
  // avoids adjacent or nested quantifiers that overlap, so matching stays
  // linear (issue 15).
  const lines = head
    .split('\n', 200)
    .filter((line) => line.trim() !== '')
    .map((line) => (line.length > 500 ? line.slice(0, 500) : line));
  let best: string | undefined;
  let bestScore = 0;
  for (const [language, patterns] of Object.entries(PATTERNS)) {
    let score = 0;
    for (const line of lines) {
      if (patterns.some((pattern) => pattern.test(line))) score++;
    }
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  if (
    best === 'javascript' &&
    (PATTERNS.typescript ?? []).some((pattern) =>
      lines.some((line) => pattern.test(line)),
    )
  ) {
    best = 'typescript';
  }
  return bestScore >= 2 ? best : undefined;
}
