import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';

/** `REDIS_URL`, the server the Redis integration tests use. */
export function redisUrl(): string | undefined {
  return process.env.REDIS_URL || undefined;
}

/** True when a `redis-server` executable is on the PATH. */
export function hasRedisServerBinary(): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, 'redis-server'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * `describe` for tests that need a running Redis (`REDIS_URL`, which the
 * global setup provides when redis-server is on the PATH). Locally they are
 * skipped when `REDIS_URL` is unset (the global setup says so once); under
 * CI (`CI` set) a missing `REDIS_URL` fails the suite instead, so the Redis
 * tests are never skipped silently there.
 */
export function describeRedis(name: string, body: (url: string) => void): void {
  const url = redisUrl();
  if (url) {
    describe(name, () => body(url));
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      throw new Error(
        'REDIS_URL is not set under CI: .ci/run must start redis-server and export REDIS_URL (e.g. redis://127.0.0.1:16379/0).',
      );
    });
    return;
  }
  describe.skip(name, () => body('redis://127.0.0.1:6379'));
}

let prefixes = 0;

/** A key prefix no other test (or parallel test file) uses. */
export function uniqueRedisPrefix(label = 'test'): string {
  prefixes += 1;
  return `sc-test:${label}:${process.pid}:${Date.now().toString(36)}:${prefixes}:`;
}

/** A redis-server this test started (see {@link startRedisServer}). */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server (SIGKILL) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after `kill`). */
  restart(): Promise<void>;
  /** Kills it if running; call in `afterAll`. */
  stop(): Promise<void>;
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve();
      });
      socket.on('error', () => {
        socket.destroy();
        if (Date.now() > deadline)
          reject(
            new Error(
              `redis-server did not listen on ${port} within ${timeoutMs} ms`,
            ),
          );
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** A loopback TCP port that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a private, in-memory redis-server on a loopback port (for fault
 * tests that stop and restart it). Needs the `redis-server` binary.
 */
export async function startRedisServer(port: number): Promise<RedisServer> {
  let child: ChildProcess | undefined;
  const launch = async () => {
    const started = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
      ],
      { stdio: 'ignore' },
    );
    const failed = new Promise<never>((_, reject) => {
      started.once('error', (error) =>
        reject(new Error(`cannot start redis-server: ${error.message}`)),
      );
      started.once('exit', (code) =>
        reject(
          new Error(`redis-server exited with ${code} (is port ${port} free?)`),
        ),
      );
    });
    failed.catch(() => {});
    await Promise.race([waitForPort(port, 10_000), failed]);
    child = started;
  };
  const kill = async () => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    current.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    kill,
    restart: launch,
    stop: kill,
  };
}
