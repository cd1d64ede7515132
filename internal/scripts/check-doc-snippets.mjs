// Type-checks every ```ts / ```typescript block in README.md, docs/**/*.md
// and packages/*/README.md, the way a user would compile it: each block is
// one ES module, strict, module/moduleResolution NodeNext, against the
// built `dist` types of the workspace packages (run `pnpm build` first).
//
// Usage: node internal/scripts/check-doc-snippets.mjs [file.md ...]
//
// The blocks are written to .doc-snippets/ (git-ignored) beside a
// node_modules that links every workspace package and every dependency the
// packages and examples declare, so a block may import a framework
// (`@langchain/langgraph`, `kaibanjs`, ...) as the docs tell users to.
// Errors are reported as `<file.md>:<line>:<column>` of the Markdown source.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const work = join(root, '.doc-snippets');
// ```ts, or ```ts file=my-driver.ts for a block that another block of the
// same page imports (`import { myDriver } from './my-driver.ts'`).
const FENCE =
  /^(\s*)(`{3,}|~{3,})\s*(ts|typescript)(?:\s+file=([\w.-]+\.ts))?\s*$/;

/** Markdown files whose TypeScript blocks users copy. */
function docFiles() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (lstatSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) files.push(path);
    }
  };
  if (existsSync(join(root, 'README.md'))) files.push(join(root, 'README.md'));
  if (existsSync(join(root, 'docs'))) walk(join(root, 'docs'));
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const readme = join(root, 'packages', dir, 'README.md');
    if (existsSync(readme)) files.push(readme);
  }
  return files;
}

/** `{ file, line, code }` for each TypeScript block; `line` is the first code line (1-based). */
function extractBlocks(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, , fileName] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (lines[j].trim().startsWith(fence[0].repeat(fence.length))) break;
      body.push(
        lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j],
      );
    }
    blocks.push({ file, line: i + 2, code: body.join('\n'), fileName });
    i = j;
  }
  return blocks;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * name -> directory of every workspace package plus every dependency linked
 * into a package's or example's node_modules. When two folders link
 * different versions of one name, the higher version wins.
 */
function resolvableModules() {
  const modules = new Map();
  const versionOf = (dir) => {
    try {
      return readJson(join(dir, 'package.json')).version ?? '0.0.0';
    } catch {
      return '0.0.0';
    }
  };
  const newer = (a, b) => {
    const pa = a.split(/[.-]/).map(Number);
    const pb = b.split(/[.-]/).map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const x = pa[i] || 0;
      const y = pb[i] || 0;
      if (x !== y) return x > y;
    }
    return false;
  };
  const offer = (name, dir) => {
    const current = modules.get(name);
    if (!current || newer(versionOf(dir), versionOf(current)))
      modules.set(name, dir);
  };
  const groups = ['packages', 'examples', 'internal'];
  const packageDirs = groups.flatMap((group) =>
    existsSync(join(root, group))
      ? readdirSync(join(root, group))
          .map((name) => join(root, group, name))
          .filter((dir) => existsSync(join(dir, 'package.json')))
      : [],
  );
  for (const dir of packageDirs)
    modules.set(readJson(join(dir, 'package.json')).name, dir);
  for (const dir of packageDirs) {
    const nodeModules = join(dir, 'node_modules');
    if (!existsSync(nodeModules)) continue;
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@')
        ? readdirSync(join(nodeModules, entry)).map((sub) => `${entry}/${sub}`)
        : [entry];
      for (const name of names) {
        if (name.startsWith('@sharedcontext')) continue;
        offer(name, realpathSync(join(nodeModules, name)));
      }
    }
  }
  return modules;
}

/**
 * A page about one package (`docs/adapters/crew.md`, `packages/crew/README.md`)
 * resolves that package's own dependencies first, so its blocks see the
 * versions a user of that package gets (KaibanJS's @langchain/core 0.3,
 * not LangGraph's 1.x).
 */
function linkHomeDependencies(file, folder) {
  const page = relative(root, file);
  const home =
    /^docs\/adapters\/([\w-]+)\.md$/.exec(page)?.[1] ??
    /^packages\/([\w-]+)\/README\.md$/.exec(page)?.[1];
  const nodeModules = home && join(root, 'packages', home, 'node_modules');
  if (!nodeModules || !existsSync(nodeModules)) return;
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.') || entry.startsWith('@sharedcontext')) continue;
    const names = entry.startsWith('@')
      ? readdirSync(join(nodeModules, entry)).map((sub) => `${entry}/${sub}`)
      : [entry];
    for (const name of names) {
      const link = join(folder, 'node_modules', name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(realpathSync(join(nodeModules, name)), link, 'dir');
    }
  }
}

function prepareProject(blocks) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'snippets'), { recursive: true });
  for (const [name, dir] of resolvableModules()) {
    const link = join(work, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(dir, link, 'dir');
  }
  writeFileSync(
    join(work, 'package.json'),
    `${JSON.stringify({ name: 'doc-snippets', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeFileSync(
    join(work, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          moduleDetection: 'force',
          allowImportingTsExtensions: true,
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(root, 'node_modules', '@types')],
        },
        include: ['snippets/**/*.ts'],
      },
      null,
      2,
    )}\n`,
  );
  // One folder per page, so a page's blocks can import each other by file name.
  const bySnippet = new Map();
  blocks.forEach((block, index) => {
    const slug = relative(root, block.file).replace(/[^A-Za-z0-9]+/g, '-');
    const base =
      block.fileName ?? `${String(index).padStart(3, '0')}-L${block.line}.ts`;
    if (!existsSync(join(work, 'snippets', slug))) {
      mkdirSync(join(work, 'snippets', slug), { recursive: true });
      linkHomeDependencies(block.file, join(work, 'snippets', slug));
    }
    writeFileSync(join(work, 'snippets', slug, base), `${block.code}\n`);
    bySnippet.set(`${slug}/${base}`, block);
  });
  return bySnippet;
}

/** tsc over the given snippet files: `{ name, line, column, text, syntax }` per diagnostic. */
function runTsc(names) {
  const config = readJson(join(work, 'tsconfig.json'));
  delete config.include;
  config.files = names.map((name) => `snippets/${name}`);
  writeFileSync(join(work, 'tsconfig.run.json'), JSON.stringify(config));
  let output = '';
  try {
    execFileSync(
      join(root, 'node_modules', '.bin', 'tsc'),
      ['-p', join(work, 'tsconfig.run.json'), '--pretty', 'false'],
      { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return [];
  } catch (error) {
    output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    if (!output.trim()) throw error;
  }
  const diagnostics = [];
  for (const raw of output.split('\n')) {
    const match =
      /^(?:.*\/)?snippets\/([^/(]+\/[^/(]+\.ts)\((\d+),(\d+)\): (.*)$/.exec(
        raw,
      );
    if (match) {
      const [, name, line, column, text] = match;
      diagnostics.push({
        name,
        line: Number(line),
        column,
        text,
        // TS1xxx codes are the parser's.
        syntax: /error TS1\d{3}:/.test(text),
      });
    } else if (raw.trim() && !raw.startsWith(' '))
      diagnostics.push({ text: raw, syntax: false });
    else if (raw.trim() && diagnostics.length)
      diagnostics[diagnostics.length - 1].text += `\n${raw}`;
  }
  return diagnostics;
}

function main() {
  const requested = process.argv
    .slice(2)
    .map((file) => join(process.cwd(), file));
  const files = requested.length ? requested : docFiles();
  const blocks = files.flatMap(extractBlocks);
  const missingDist = readdirSync(join(root, 'packages')).filter(
    (dir) =>
      existsSync(join(root, 'packages', dir, 'package.json')) &&
      !existsSync(join(root, 'packages', dir, 'dist', 'index.d.ts')),
  );
  if (missingDist.length) {
    process.stderr.write(
      `check-doc-snippets: no dist types for ${missingDist.join(', ')}; run \`pnpm build\` first.\n`,
    );
    process.exit(2);
  }
  const bySnippet = prepareProject(blocks);
  // tsc reports only syntax errors while any file has one, so blocks that
  // do not parse are set aside and the rest are checked again.
  const failed = new Set();
  const report = [];
  let pending = [...bySnippet.keys()];
  while (pending.length) {
    const diagnostics = runTsc(pending);
    const syntaxOnly = diagnostics.every((d) => d.syntax);
    for (const d of diagnostics) {
      if (!d.name) {
        report.push(d.text);
        continue;
      }
      const block = bySnippet.get(d.name);
      failed.add(d.name);
      report.push(
        `${relative(root, block.file)}:${block.line + d.line - 1}:${d.column} ${d.text}`,
      );
    }
    if (!diagnostics.length || !syntaxOnly) break;
    pending = pending.filter((name) => !failed.has(name));
  }
  if (report.length) process.stdout.write(`${report.join('\n')}\n`);
  process.stdout.write(
    `${blocks.length - failed.size} of ${blocks.length} TypeScript doc blocks compile` +
      (failed.size
        ? `; ${failed.size} fail (strict, NodeNext, against dist)\n`
        : '\n'),
  );
  if (report.length) process.exit(1);
}

main();
