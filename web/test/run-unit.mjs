// Compiles the app's pure modules (time, domain/, data/) to CommonJS in
// build-unit/ and runs the unit tests in this folder with node's test runner.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: web, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync(path.join(web, 'node_modules/typescript'))) {
  console.error('run-unit: web/node_modules is missing; run scripts/build-web first');
  process.exit(1);
}
rmSync(path.join(web, 'build-unit'), { recursive: true, force: true });
run(process.execPath, [path.join(web, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.unit.json']);
// The package is "type": "module"; the compiled files are CommonJS.
writeFileSync(path.join(web, 'build-unit/package.json'), '{"type": "commonjs"}\n');
const tests = readdirSync(path.join(web, 'test')).filter((f) => f.endsWith('.test.mjs')).map((f) => path.join('test', f));
run(process.execPath, ['--test', ...tests]);
