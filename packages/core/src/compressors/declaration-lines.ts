/**
 * Lines of source code that declare or import something. When code reaches
 * the text compressor (no code plug-in, or the source does not parse),
 * these lines are kept verbatim: they carry the names a reader looks for.
 * Private to the package.
 */

// Each branch is a keyword at the start of a line (after indentation) or a
// decorator / attribute; bounded quantifiers only (linear time).
const DECLARATION = new RegExp(
  [
    // Decorators and annotations (`@dataclass`, `@Override`), Rust attributes.
    String.raw`^\s{0,80}@[A-Za-z_$]`,
    String.raw`^\s{0,80}#!?\[`,
    String.raw`^\s{0,80}#\s{0,4}(?:include|import|define)\b`,
    // Imports and module lines.
    String.raw`^\s{0,80}(?:export|import|package|namespace|using|require|extern)\b`,
    String.raw`^\s{0,80}from\s{1,8}[\w.]{1,200}\s{1,8}(?:import|cimport)\b`,
    String.raw`^\s{0,80}use\s{1,8}[\w\\:{]`,
    String.raw`^\s{0,80}module(?:\s{1,8}[\w:]|\.exports\b)`,
    // Declarations, behind any visibility or storage modifiers.
    String.raw`^\s{0,80}(?:(?:pub(?:\([\w:]{1,40}\))?|public|private|protected|internal|static|abstract|final|sealed|override|virtual|readonly|async|unsafe|const|extern|declare|default|partial|open|data|inline|suspend)\s{1,8}){0,6}(?:def|class|function\*?|fn|func|interface|struct|enum|trait|impl|mod|record|protocol|extension|object|typedef|template|val)\b`,
    String.raw`^\s{0,80}type\s{1,8}[A-Za-z_]\w{0,200}(?:\s{0,8}[=<{]|\s{1,8}\w)`,
    // Members and functions with a visibility modifier (Java, C#, PHP, TS classes).
    String.raw`^\s{0,80}(?:public|private|protected|internal)\b`,
    // Top-level bindings (no indentation): module constants and arrow functions.
    String.raw`^(?:const|let|var|static)\s`,
  ].join('|'),
);

/**
 * A member that opens a body on its line with no keyword of its own: a
 * JS/TS method (`  constructor(options) {`, `  get size() {`,
 * `  *#indexes(options) {`) or a Java/C# method behind its return type
 * (`  List<Row> rows(int limit) {`). Group 1 is the word before the name
 * (a return type or `else`), group 2 the name.
 */
const MEMBER =
  /^\s{1,40}(?:(?:static|async|get|set|override|readonly|abstract|virtual|public|private|protected)\s{1,8}){0,4}(?:([\w$.?[\],<>]{1,80})\s{1,4})?\*?\s{0,4}#?([A-Za-z_$][\w$]{0,80})\s{0,4}(?:<[^<>()]{0,200}>)?\s{0,4}\(/;
/** Words that open a block or call like a member but declare nothing. */
const NOT_MEMBERS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'with',
  'return',
  'else',
  'new',
  'throw',
  'await',
  'yield',
  'typeof',
  'do',
  'try',
  'function',
]);

function isMemberLine(line: string): boolean {
  const trimmed = line.trimEnd();
  if (!trimmed.endsWith('{') || trimmed.includes('=>')) return false;
  const match = MEMBER.exec(trimmed);
  if (!match) return false;
  const [, before, name] = match;
  return !NOT_MEMBERS.has(name!) && !(before && NOT_MEMBERS.has(before));
}

/** True when `line` declares or imports something. */
export function isDeclarationLine(line: string): boolean {
  const head = line.length > 600 ? line.slice(0, 600) : line;
  return DECLARATION.test(head) || isMemberLine(head);
}
