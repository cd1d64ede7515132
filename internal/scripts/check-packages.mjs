// Runs publint --strict and attw (esm-only profile) on every published
// package, after `tsc -b`. Exits non-zero on the first failure.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const packages = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter(
    (dir) =>
      existsSync(join(dir, 'package.json')) &&
      existsSync(join(dir, 'dist', 'index.js')),
  )
  .filter(
    (dir) =>
      !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private,
  );

const bin = (name) => join(root, 'node_modules', '.bin', name);
for (const dir of packages) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
  process.stdout.write(`checking ${name}\n`);
  execFileSync(bin('publint'), ['--strict', '.'], {
    cwd: dir,
    stdio: 'inherit',
  });
  execFileSync(
    bin('attw'),
    ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped'],
    { cwd: dir, stdio: 'inherit' },
  );
}
process.stdout.write(`${packages.length} packages checked\n`);
