// Checks that every transform label the docs show (`log:templates`,
// `router:json:0.20`, `code:typescript:balanced`, ...) is one the code can
// emit: it must equal a string literal in a package's non-test source, or
// start with the static head of a template literal there
// (`code:${grammar}:${detail}` covers `code:python:balanced`).
//
// Usage: node internal/scripts/check-doc-labels.mjs
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
// The label namespaces: compressor names and the pipeline's own stages.
const NAMESPACES =
  'router|json|log|search|diff|html|text|code|mixed|ml|passthrough|skip';
const DOC_LABEL = new RegExp(
  `(?<![\\w/.:-])(?:${NAMESPACES}):[a-z][\\w.<>,→-]*(?:\\([^)\`]*\\))?(?::[\\w.<>,→-]+(?:\\([^)\`]*\\))?)*`,
  'g',
);

function walk(dir, keep, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.'))
      continue;
    const path = join(dir, name);
    if (lstatSync(path).isDirectory()) walk(path, keep, out);
    else if (keep(path)) out.push(path);
  }
  return out;
}

/**
 * Label literals, and template literals as patterns (each `${...}` stands
 * for any text), in the packages' shipped sources.
 */
function emitted() {
  const literals = new Set();
  const patterns = [];
  const sources = walk(
    join(root, 'packages'),
    (path) =>
      path.includes('/src/') &&
      path.endsWith('.ts') &&
      !/\.test(-d)?\.ts$/.test(path) &&
      !path.includes('__fixtures__'),
  );
  const labelLike = /^(?:[a-z]+|\$\{[^}]+\}):/;
  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    for (const [, single, double] of text.matchAll(
      /'([^'\n]*)'|"([^"\n]*)"/g,
    )) {
      const body = single ?? double;
      if (body && labelLike.test(body)) literals.add(body);
    }
    for (const [, body] of text.matchAll(/`([^`]*)`/g)) {
      if (!labelLike.test(body)) continue;
      const parts = body.split(/\$\{(?:[^{}]|\{[^}]*\})*\}/);
      if (parts.length === 1) literals.add(body);
      // All-dynamic templates (`${a}:${b}`) would match any label.
      else if (/[a-z]{3}/.test(parts.join('')))
        patterns.push(new RegExp(`^${parts.map(escapeRegExp).join('.+?')}$`));
      // `json:sample(${n})` is shown bare as `json:sample` too.
      const head = parts[0].replace(/\($/, '');
      if (head !== parts[0] && /^[a-z]+:[a-z]/.test(head)) literals.add(head);
    }
  }
  return { literals, patterns };
}

function docFiles() {
  const files = [join(root, 'README.md')];
  if (existsSync(join(root, 'docs')))
    walk(join(root, 'docs'), (path) => path.endsWith('.md'), files);
  for (const dir of readdirSync(join(root, 'packages'))) {
    const readme = join(root, 'packages', dir, 'README.md');
    if (existsSync(readme)) files.push(readme);
  }
  return files.filter((file) => existsSync(file));
}

const { literals, patterns } = emitted();
const known = (label) =>
  literals.has(label) ||
  literals.has(label.replace(/\(.*$/, '')) ||
  patterns.some((pattern) => pattern.test(label));

const problems = [];
for (const file of docFiles()) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    // Only labels shown as code: inline `...` spans and fenced lines.
    const spans = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const fenced = !line.includes('`') ? [line] : [];
    for (const part of [...spans, ...fenced])
      for (const [label] of part.matchAll(DOC_LABEL)) {
        // Prose punctuation after a label is not part of it.
        const trimmed = label.replace(/[.,]+$/, '');
        if (!known(trimmed))
          problems.push(
            `${relative(root, file)}:${index + 1} shows the label \`${label}\`, which no package emits`,
          );
      }
  });
}
if (problems.length) {
  process.stdout.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  'every transform label the docs show is emitted by the code\n',
);
