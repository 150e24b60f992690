import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const cli = join(root, 'bin/cronista.js');
export const seeds = join(root, 'tests/fixtures/seeds');

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'cronista-cli-'));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `cronista` bin as a user would, with its own data directory. */
export function runCli(args: string[], options: { data: string; env?: Record<string, string> }): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, '--data', options.data, ...args], {
      cwd: root,
      env: { ...process.env, CRONISTA_LOG_LEVEL: 'info', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
