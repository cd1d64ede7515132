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

/** True when `line` declares or imports something. */
export function isDeclarationLine(line: string): boolean {
  return DECLARATION.test(line.length > 600 ? line.slice(0, 600) : line);
}
