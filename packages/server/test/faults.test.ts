// Faults around the requests: malformed HTTP gets an AWS JSON error; an open host without
// credentials is warned about; a store others can read is made private; a crash's temporary
// files are cleaned up; a write that fails says why, in the log and in the answer.

import { execFile } from 'node:child_process';
import { chmod, readdir, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FileKeyStore, readKeyStoreFiles, startServer } from '../src/index.js';
import { directoryPerTest, testServer } from './support/server.js';

const directory = directoryPerTest();

/** Sends raw bytes and resolves with everything the server answers before it closes. */
function rawExchange(url: string, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.end(request);
  });
}

describe('malformed HTTP', () => {
  it.each([
    [
      'Content-Length and chunked at once',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
    ],
    [
      'a bad chunk size',
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      400,
    ],
    ['oversized headers', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])('%s: an AWS JSON error, not a bare status', async (_, request, status) => {
    const { server, logLines } = await testServer({ memory: true });
    try {
      const answer = await rawExchange(server.url, request);
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toContain('x-amzn-ErrorType: SerializationException');
      expect(JSON.parse(body)).toMatchObject({ __type: 'SerializationException' });
      expect(logLines.at(-1)).toMatch(new RegExp(` ${status} 0.0ms$`));
    } finally {
      await server.close();
    }
  });
});

describe('warnings', () => {
  it('warns when listening beyond loopback without credentials, and not otherwise', async () => {
    const warnings: string[] = [];
    const open = await startServer({
      host: '0.0.0.0',
      port: 0,
      memory: true,
      log: false,
      warn: (line) => warnings.push(line),
    });
    await open.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('without --credentials');
    const local = await startServer({
      port: 0,
      memory: true,
      log: false,
      warn: (line) => warnings.push(line),
    });
    await local.close();
    const signed = await startServer({
      host: '0.0.0.0',
      port: 0,
      memory: true,
      log: false,
      credentials: { AKID: 'secret' },
      warn: (line) => warnings.push(line),
    });
    await signed.close();
    expect(warnings).toHaveLength(1);
  });
});

describe('the store file at start', () => {
  it('is made 0600, with a warning, when others could read it', async () => {
    const path = join(directory.path, 'keys.json');
    await FileKeyStore.open(path).then((store) => store.close());
    await chmod(path, 0o644);
    const warnings: string[] = [];
    const store = await FileKeyStore.open(path, { warn: (line) => warnings.push(line) });
    await store.close();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(warnings.join('\n')).toContain('mode 0644');
  });

  it('loses the temporary files a crash left beside it', async () => {
    const path = join(directory.path, 'keys.json');
    await FileKeyStore.open(path).then((store) => store.close());
    const leftovers = [
      '.keys.json.4242.0a1b2c3d4e5f.tmp',
      'keys.json.lock.999999999.00ff00ff00ff.tmp',
    ];
    for (const name of leftovers)
      await writeFile(join(directory.path, name), 'a copy of the store');
    await writeFile(join(directory.path, 'unrelated.tmp'), 'not ours');
    const store = await FileKeyStore.open(path);
    await store.close();
    expect((await readdir(directory.path)).sort()).toEqual([
      'keys.json',
      'keys.json.journal',
      'keys.json.key',
      'unrelated.tmp',
    ]);
  });
});

describe('a write that fails', () => {
  it('is a log line naming the cause and a KMSInternalException saying the change was not saved', async () => {
    // A real failure: the store runs in a process whose files may not grow past 16 KiB
    // (ulimit -f), so the journal's append fails as on a full disk. SIGXFSZ is ignored there,
    // so the write returns EFBIG instead of ending the process.
    const dataFile = join(directory.path, 'keys.json');
    const script = `
      process.on('SIGXFSZ', () => {});
      const { FileKeyStore } = await import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)});
      const { createKms } = await import('@kms-lab/core');
      const warnings = [];
      const store = await FileKeyStore.open(${JSON.stringify(dataFile)}, { warn: (line) => warnings.push(line) });
      const kms = createKms({ store });
      let created = 0;
      let error;
      while (!error && created < 1000)
        await kms.createKey({ Description: 'x'.repeat(4000) }).then(() => created++, (e) => { error = e; });
      const listed = (await kms.listKeys({})).Keys.length;
      console.log(JSON.stringify({ created, listed, name: error?.name, message: error?.message, warnings }));
    `;
    const { stdout } = await promisify(execFile)(
      'sh',
      ['-c', `ulimit -f 32 && exec "${process.execPath}" --input-type=module -e "$0"`, script],
      {
        cwd: new URL('..', import.meta.url).pathname,
      },
    );
    const outcome = JSON.parse(stdout) as {
      created: number;
      listed: number;
      name: string;
      message: string;
      warnings: string[];
    };
    expect(outcome.name).toBe('KMSInternalException');
    expect(outcome.message).toBe(
      'KMS Lab could not save the change: writing the key store file failed (EFBIG). Nothing was changed.',
    );
    expect(outcome.warnings.join('\n')).toMatch(
      /could not write the key store .* \(EFBIG\): the change was not saved/,
    );
    // Every acknowledged key, and only those, is in the store: the failed one left no trace.
    expect(outcome.listed).toBe(outcome.created);
    expect((await readKeyStoreFiles(dataFile)).keys).toHaveLength(outcome.created);
  });
});
