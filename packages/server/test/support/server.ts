import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KMSClient, KMSServiceException } from '@aws-sdk/client-kms';
import { afterEach, beforeEach, expect } from 'vitest';
import { type RunningServer, type ServerOptions, startServer } from '../../src/index.js';

export const BIN = fileURLToPath(new URL('../../bin/kms-lab.js', import.meta.url));

export const DUMMY_CREDENTIALS = { accessKeyId: 'kmslab-test', secretAccessKey: 'not-checked' };

/**
 * A fresh temporary directory for each test of the calling file, removed after the test:
 * `const directory = directoryPerTest();` then `directory.path` inside the tests.
 */
export function directoryPerTest() {
  const current = { path: '', remove: async () => {} };
  beforeEach(async () => {
    Object.assign(current, await temporaryDirectory());
  });
  afterEach(() => current.remove());
  return current;
}

/** A temporary directory, removed by the returned cleanup. */
export async function temporaryDirectory() {
  const path = await mkdtemp(join(tmpdir(), 'kms-lab-server-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** An in-process server on a free port that keeps its log lines for inspection. */
export async function testServer(options: ServerOptions = {}) {
  const logLines: string[] = [];
  const server = await startServer({
    port: 0,
    log: (line) => logLines.push(line),
    ...options,
  });
  return { server, logLines };
}

export function sdkClient(
  server: Pick<RunningServer, 'url'>,
  credentials: { accessKeyId: string; secretAccessKey: string } = DUMMY_CREDENTIALS,
  region = 'us-east-1',
  maxSockets = 50,
) {
  return new KMSClient({
    endpoint: server.url,
    region,
    credentials,
    maxAttempts: 1,
    requestHandler: { httpAgent: { maxSockets } },
  });
}

/** A raw AWS JSON 1.1 request, unsigned. */
export function awsFetch(
  url: string,
  target: string | undefined,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
) {
  return fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      ...(target === undefined ? {} : { 'X-Amz-Target': target }),
      ...headers,
    },
    body,
  });
}

export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  output: () => { stdout: string; stderr: string };
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** The environment without any KMS_LAB_* variable of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('KMS_LAB_')),
  );
  return { ...env, ...extra };
}

/** Runs the real `kms-lab` bin and resolves once it prints its URL. */
export function spawnServer(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = cleanEnv(),
): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kms-lab did not start in time.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /serving AWS KMS at (http:\/\/\S+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1] as string,
        output: () => ({ stdout, stderr }),
        exited,
        stop(signal = 'SIGTERM') {
          child.kill(signal);
          return exited;
        },
      });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`kms-lab exited (${code}) before serving.\nstdout: ${stdout}\nstderr: ${stderr}`),
      );
    });
  });
}

/** Runs the bin to completion (for commands that are expected to exit by themselves). */
export function runBin(args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The SDK exception a call fails with; fails the test if the call succeeds. */
export async function failure(call: Promise<unknown>): Promise<KMSServiceException> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(KMSServiceException);
    return error as KMSServiceException;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Whether the `aws` command runs here; a test that needs it is skipped, saying why, if not. */
export const awsCliAvailable = await promisify(execFile)('aws', ['--version']).then(
  () => true,
  (error: Error) => {
    console.warn(`Skipping the AWS CLI tests: \`aws --version\` failed (${error.message}).`);
    return false;
  },
);

/** Whether `python3` with boto3 runs here; a test that needs it is skipped, saying why, if not. */
export const boto3Available = await promisify(execFile)('python3', ['-c', 'import boto3']).then(
  () => true,
  (error: Error) => {
    console.warn(
      `Skipping the boto3 tests: \`python3 -c 'import boto3'\` failed (${error.message}).`,
    );
    return false;
  },
);

/**
 * Runs `aws --endpoint-url <url> kms ...` in `cwd`, with throwaway credentials and no user
 * configuration, and returns what it printed.
 */
export function awsKms(url: string, cwd: string) {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'kmslab',
    AWS_SECRET_ACCESS_KEY: 'kmslab',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(cwd, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(cwd, 'no-credentials'),
  };
  return async (...args: string[]) =>
    (
      await promisify(execFile)('aws', ['--endpoint-url', url, 'kms', ...args], { env, cwd })
    ).stdout.trim();
}
