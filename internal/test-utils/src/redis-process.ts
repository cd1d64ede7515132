import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

// Process helpers for private redis-server instances, free of vitest so
// the bench can use them too (`@sharedcontext-internal/test-utils/redis`).

/** A redis-server process started by {@link startRedisProcess}. */
export interface RedisProcess {
  readonly port: number;
  readonly url: string;
  /** Kills the process (SIGKILL) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and arguments (after `kill`). */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, nothing is answered. */
  pause(): void;
  /** Lets a paused process run again (SIGCONT). */
  resume(): void;
  /** Kills it if running. */
  stop(): Promise<void>;
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

/** Resolves once something accepts TCP connections on the loopback `port`. */
export function waitForPort(port: number, timeoutMs: number): Promise<void> {
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

/** True when `redis-server` and `redis-cli` run from the PATH. */
export function hasRedisBinaries(): boolean {
  return ['redis-server', 'redis-cli'].every(
    (binary) =>
      spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0,
  );
}

/**
 * Starts `redis-server` on the loopback `port`, in the foreground, with
 * nothing saved to disk unless `args` says otherwise (later arguments
 * override earlier ones). Needs the `redis-server` binary.
 */
export async function startRedisProcess(
  port: number,
  args: readonly string[] = [],
): Promise<RedisProcess> {
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
        ...args,
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
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: launch,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    stop: kill,
  };
}
