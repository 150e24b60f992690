/**
 * `npm start` as a user (or `docker stop`) runs it: the signal goes to npm, which forwards it to the shell
 * running the script. Unless the script hands over to node, node never hears it and keeps running.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshDataDir, root } from './helpers.ts';

/** Every descendant of `pid` (through /proc), with its command line. */
function descendants(pid: number): { pid: number; cmdline: string }[] {
  const children = (parent: number): number[] => {
    try {
      return readdirSync(`/proc/${parent}/task`).flatMap((task) =>
        readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
      );
    } catch {
      return [];
    }
  };
  const found: { pid: number; cmdline: string }[] = [];
  const queue = children(pid);
  while (queue.length > 0) {
    const child = queue.shift()!;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    found.push({ pid: child, cmdline });
    queue.push(...children(child));
  }
  return found;
}

/** Running (not gone, not a zombie waiting to be reaped). */
function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

test('SIGTERM to the `npm start` process stops the node process it started', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  const data = freshDataDir();
  const npm = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, CRONISTA_DATA: data, CRONISTA_LOG_LEVEL: 'info', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '', CRONISTA_HTTP_PORT: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  npm.stderr.on('data', (chunk) => (stderr += chunk));
  npm.stdout.resume();
  let service: { pid: number; cmdline: string } | undefined;
  try {
    const started = Date.now();
    while (!/cronista ready/.test(stderr)) {
      assert.ok(Date.now() - started < 60_000, `no readiness line:\n${stderr}`);
      assert.equal(npm.exitCode, null, `npm start exited:\n${stderr}`);
      await sleep(50);
    }
    service = descendants(npm.pid!).find((process) => /^\S*node\S* .*bin\/cronista\.js start/.test(process.cmdline));
    assert.ok(service, `the service's node process: ${JSON.stringify(descendants(npm.pid!))}`);

    process.kill(npm.pid!, 'SIGTERM'); // npm only, as docker stop does to its PID 1
    const deadline = Date.now() + 20_000;
    while (alive(service.pid) && Date.now() < deadline) await sleep(50);
    assert.equal(alive(service.pid), false, 'the node process stopped');
    assert.match(stderr, /stopping: finishing in-flight work/, 'it stopped the clean way');
  } finally {
    if (service && alive(service.pid)) process.kill(service.pid, 'SIGKILL');
    if (npm.exitCode === null) npm.kill('SIGKILL');
  }
});
