// Starts a real `pineal serve` on a free loopback port over a fresh SQLite
// file, and stops it. PINEAL_BIN names the binary (tests/e2e/run.sh sets it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE_ROOT = path.resolve(here, '../../..');
const STATIC_DIR = process.env.PINEAL_STATIC ?? path.join(SOURCE_ROOT, 'web/dist');

function bin() {
  const b = process.env.PINEAL_BIN;
  if (!b) throw new Error('PINEAL_BIN is not set: run the suite through tests/e2e/run.sh');
  return b;
}

// Accounts appear with `pineal user`; older binaries have no login at all.
function hasAccounts() {
  const help = spawnSync(bin(), ['--help'], { encoding: 'utf8' }).stdout ?? '';
  return /^\s+user\s/m.test(help);
}

const E2E_USER = { username: 'e2e.clinician', password: 'e2e-clinician-password-1' };

function addClinician(db) {
  const r = spawnSync(bin(), ['user', 'add', E2E_USER.username, '--role', 'clinician', '--name', 'E2E Clinician',
    '--db', db], { input: E2E_USER.password + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pineal user add failed: ${r.stderr || r.stdout}`);
}

// Adds an account to a server's database (as the local operator does).
// A patient account names its patient record (`patientId`).
export function addUser(db, username, password, role = 'clinician', patientId = null) {
  const args = ['user', 'add', username, '--role', role, '--name', username, '--db', db];
  if (patientId !== null) args.push('--patient', String(patientId));
  const r = spawnSync(bin(), args, { input: password + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pineal user add failed: ${r.stderr || r.stdout}`);
}

// Returns {url, db, login, stop}. `login` is null when the server has no accounts.
export async function startServer({ demo = false } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pineal-e2e-'));
  const db = path.join(dir, 'e2e.db');
  const accounts = hasAccounts();
  if (accounts && !demo) addClinician(db);
  const args = ['serve', '--db', db, '--port', '0', '--bind', '127.0.0.1', '--static', STATIC_DIR];
  if (demo) args.push('--demo-if-empty');
  const child = spawn(bin(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pineal serve did not start in 30 s:\n${out}\n${err}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pineal serve exited with ${code}:\n${out}\n${err}`));
    });
  });
  let login = null;
  if (accounts) {
    const m = demo ? /clinician\s+(\S+)\s+password\s+(\S+)/.exec(out) : null;
    login = m ? { username: m[1], password: m[2] } : E2E_USER;
  }
  return {
    url, db, login,
    stderr: () => err,
    async stop() {
      child.removeAllListeners('exit');
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
      // A sanitizer report from the server is a bug the browser run found.
      const report = /(ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer)[^\n]*/.exec(err);
      if (report) throw new Error(`pineal serve reported: ${report[0]}\n${err.slice(0, 4000)}`);
    },
  };
}
