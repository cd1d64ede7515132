// Packs every published package (after `pnpm build`) and inspects what
// would ship: no `.tsbuildinfo`, no tests or fixtures, and no build-machine
// paths (/work, /home, /Users, /tmp, /root) in any shipped file. Then installs
// the packed CLI into a temporary project with install scripts off, as a
// machine without build tools would get it, and checks that `compress` runs
// there, that no native module was built, and that a store command that
// needs the missing native driver fails with a typed error.
//
// Usage: node internal/scripts/check-tarballs.mjs [--no-install]
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const MACHINE_PATH = /(?:^|[\s"'(=:])(\/(?:work|home|Users|tmp|root)\/[\w.-]+)/;
const work = mkdtempSync(join(tmpdir(), 'sharedcontext-pack-'));
const problems = [];

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : [join(dir, entry.name)],
  );
}

/** `pnpm pack` one package; returns `{ name, tarball, files }`. */
async function pack(dir) {
  const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // One folder per package, so parallel packs never mix their tarballs.
  const destination = join(work, 'tarballs', name.replace('/', '+'));
  mkdirSync(destination, { recursive: true });
  await new Promise((resolve, reject) =>
    execFile(
      'pnpm',
      ['pack', '--pack-destination', destination],
      { cwd: dir },
      (error) => (error ? reject(error) : resolve()),
    ),
  );
  const [tarball] = readdirSync(destination);
  const unpacked = join(work, 'unpacked', name);
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', join(destination, tarball), '-C', unpacked]);
  const files = filesUnder(join(unpacked, 'package')).map((file) => ({
    path: relative(join(unpacked, 'package'), file),
    absolute: file,
  }));
  return { name, tarball: join(destination, tarball), files };
}

function inspect({ name, files }) {
  for (const { path, absolute } of files) {
    if (path.endsWith('.tsbuildinfo'))
      problems.push(`${name}: ships ${path} (build state with machine paths)`);
    if (/\.test(-d)?\.|__fixtures__/.test(path))
      problems.push(`${name}: ships test file ${path}`);
    if (statSync(absolute).size > 5 * 1024 * 1024) continue;
    const text = readFileSync(absolute, 'utf8');
    const match = MACHINE_PATH.exec(text);
    // Prose that explains a path is fine in docs; code and maps must not
    // carry the build machine's.
    if (match && !path.endsWith('.md'))
      problems.push(`${name}: ${path} contains the machine path ${match[1]}`);
  }
}

const published = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .filter(
    (dir) =>
      !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private,
  );
const packed = new Map();
// Packing is mostly process start-up and I/O: a few at a time.
const queue = [...published];
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (let dir = queue.shift(); dir; dir = queue.shift()) {
      const result = await pack(dir);
      inspect(result);
      packed.set(result.name, result.tarball);
      process.stdout.write(
        `packed ${result.name}: ${result.files.length} files\n`,
      );
    }
  }),
);

function installCheck() {
  const project = join(work, 'project');
  mkdirSync(project);
  // Every @sharedcontext package from the tarballs, as the registry would serve them.
  const overrides = Object.fromEntries(
    [...packed].map(([name, tarball]) => [name, `file:${tarball}`]),
  );
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'cli-install-check',
      private: true,
      type: 'module',
      dependencies: { '@sharedcontext/cli': overrides['@sharedcontext/cli'] },
      pnpm: { overrides },
    }),
  );
  const install = spawnSync(
    'pnpm',
    [
      'install',
      '--prefer-offline',
      '--ignore-scripts',
      '--config.node-linker=hoisted',
    ],
    { cwd: project, encoding: 'utf8' },
  );
  if (install.status !== 0) {
    problems.push(
      `installing the packed CLI failed:\n${install.stdout}${install.stderr}`,
    );
    return;
  }
  const built = filesUnder(join(project, 'node_modules')).filter((file) =>
    file.endsWith('.node'),
  );
  if (built.length)
    problems.push(
      `installing the CLI left native modules: ${built.map((file) => relative(project, file)).join(', ')}`,
    );
  const bin = join(
    project,
    'node_modules',
    '@sharedcontext',
    'cli',
    'dist',
    'bin.js',
  );
  const input = Array.from(
    { length: 400 },
    (_, i) =>
      `2026-11-24 09:00:${String(i % 60).padStart(2, '0')} INFO worker-${i % 7} handled request ${i} in ${(i * 37) % 900} ms`,
  ).join('\n');
  const run = (args) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: project,
      input,
      encoding: 'utf8',
    });
  const noStore = run(['compress', '--no-store']);
  if (noStore.status !== 0 || !noStore.stdout)
    problems.push(
      `\`compress --no-store\` failed in the fresh install:\n${noStore.stderr}`,
    );
  const plain = run(['compress']);
  if (plain.status !== 0)
    problems.push(`\`compress\` failed in the fresh install:\n${plain.stderr}`);
  else if (!/default store .* is unavailable|stored as/.test(plain.stderr))
    problems.push(
      `\`compress\` did not say where the original went:\n${plain.stderr}`,
    );
  const put = run(['put', 'k', '--store', 'sqlite:check.db']);
  if (
    put.status !== 1 ||
    !/^sharedcontext: .*better-sqlite3|sqlite/i.test(put.stderr)
  )
    problems.push(
      `\`put --store sqlite:check.db\` without the native driver should fail with one error line naming it, got ${put.status}:\n${put.stderr}`,
    );
  process.stdout.write(
    `installed the packed CLI with scripts off: no native module built; compress ran (${plain.stderr.trim().split('\n').at(-1)})\n`,
  );
}

try {
  if (!process.argv.includes('--no-install')) installCheck();
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (problems.length) {
  process.stdout.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${packed.size} tarballs checked\n`);
