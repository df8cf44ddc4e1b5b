/**
 * Server mode: a real `kms-lab serve` child process on a free port, as a test suite would
 * run it beside the app. It keeps keys in memory, lets any origin call it (a page under test
 * is on another origin), and logs nothing; the URL is read from its banner, which it prints
 * once it is listening.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface KmsServerOptions {
  /** A seed file for `--seed`. */
  seedFile?: string | undefined;
  region: string;
  accountId: string;
  /** How long to wait for the banner, in milliseconds. */
  startTimeout?: number;
}

export interface KmsServerProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM: it finishes requests in flight) and waits for it to exit. */
  stop(): Promise<void>;
}

/** The `kms-lab` command of the installed @kms-lab/server. */
export function kmsLabBin(): string {
  // Its package exports only its entry point (dist/index.js); bin/ is next to dist/.
  const entry = createRequire(import.meta.url).resolve('@kms-lab/server');
  return join(dirname(dirname(entry)), 'bin', 'kms-lab.js');
}

const BANNER = /KMS Lab is serving AWS KMS at (http:\/\/\S+) /;

/** The environment without KMS_LAB_* variables: the fixture's flags say everything. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('KMS_LAB_')),
  );
}

export function startKmsServer(options: KmsServerOptions): Promise<KmsServerProcess> {
  const args = [
    kmsLabBin(),
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--memory',
    '--cors',
    '*',
    '--log-level',
    'quiet',
    '--region',
    options.region,
    '--account-id',
    options.accountId,
    ...(options.seedFile === undefined ? [] : ['--seed', options.seedFile]),
  ];
  const child = spawn(process.execPath, args, {
    env: cleanEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(
        new Error(
          `@kms-lab/playwright: kms-lab serve ${reason}${stderr ? `:\n${stderr.trim()}` : '.'}`,
        ),
      );
    };
    const timer = setTimeout(
      () => fail(`printed no banner within ${options.startTimeout ?? 30_000} ms`),
      options.startTimeout ?? 30_000,
    );
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = BANNER.exec(stdout)?.[1];
      if (!url || settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data').resume();
      resolve(serverProcess(child, url, exited));
    });
    child.once('error', (error) => fail(`could not be started (${error.message})`));
    child.once('exit', (code, signal) =>
      fail(`exited (${signal ?? `status ${code}`}) before serving`),
    );
  });
}

function serverProcess(child: ChildProcess, url: string, exited: Promise<void>): KmsServerProcess {
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killLater = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killLater);
    },
  };
}
