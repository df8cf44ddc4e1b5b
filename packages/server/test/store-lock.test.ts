// One store file, one server: many servers started at once, after a crash or not, leave
// exactly one serving; a store reached through a symlink is the same store (and the link
// stays a link); a hard-linked store is refused.
import { spawn } from 'node:child_process';
import { link, lstat, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { FileKeyStore, KeyStoreFileError } from '../src/index.js';
import {
  directoryPerTest,
  runBin,
  type SpawnedServer,
  sdkClient,
  spawnServer,
} from './support/server.js';

const directory = directoryPerTest();

/** A process ID that no longer runs, as a crashed server leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

/** Starts `count` servers on one store at the same moment; returns those that serve. */
async function startAtOnce(count: number, dataFile: string): Promise<SpawnedServer[]> {
  const attempts = await Promise.allSettled(
    Array.from({ length: count }, () =>
      spawnServer(['serve', '--port', '0', '--data', dataFile], directory.path),
    ),
  );
  return attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
}

describe('the store lock', () => {
  it.each([
    ['a new store', false],
    ['a store whose server crashed (stale lock)', true],
  ])('of 8 servers started at once on %s, exactly one serves', async (_, stale) => {
    const dataFile = join(directory.path, 'shared.json');
    if (stale) {
      await writeFile(
        dataFile,
        '{"format":"kms-lab/key-store","version":1,"keys":[],"aliases":[]}\n',
        { mode: 0o600 },
      );
      await writeFile(`${dataFile}.lock`, `${await deadPid()} 1\n`);
    }
    const serving = await startAtOnce(8, dataFile);
    try {
      expect(serving).toHaveLength(1);
      const kms = sdkClient(serving[0] as SpawnedServer);
      await kms.send(new CreateKeyCommand({ Description: 'the one store' }));
      kms.destroy();
      const lock = await readFile(`${dataFile}.lock`, 'utf8');
      expect(lock).toMatch(new RegExp(`^${(serving[0] as SpawnedServer).child.pid} \\d*\\n$`));
    } finally {
      for (const server of serving) expect(await server.stop()).toBe(0);
    }
    // Nothing left behind: no lock, no takeover, no temporary files.
    const stored = JSON.parse(await readFile(dataFile, 'utf8')) as { keys: unknown[] };
    expect(stored.keys).toHaveLength(1);
  });

  it('refuses a second server that reaches the served file through a symlink', async () => {
    const dataFile = join(directory.path, 'real.json');
    const first = await spawnServer(['serve', '--port', '0', '--data', dataFile], directory.path);
    try {
      await symlink(dataFile, join(directory.path, 'alias.json'));
      const second = await runBin(['serve', '--port', '0', '--data', 'alias.json'], directory.path);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('is in use by process');
    } finally {
      expect(await first.stop()).toBe(0);
    }
  });

  it('keeps a --data symlink a symlink, and writes its target', async () => {
    const target = join(directory.path, 'target.json');
    const linkPath = join(directory.path, 'link.json');
    await FileKeyStore.open(target).then((store) => store.close());
    await symlink(target, linkPath);
    const server = await spawnServer(['serve', '--port', '0', '--data', linkPath], directory.path);
    const kms = sdkClient(server);
    await kms.send(new CreateKeyCommand({}));
    kms.destroy();
    expect(await server.stop()).toBe(0);
    expect((await lstat(linkPath)).isSymbolicLink()).toBe(true);
    expect(await readlink(linkPath)).toBe(target);
    expect(JSON.parse(await readFile(target, 'utf8')).keys).toHaveLength(1);
  });

  it('refuses a hard-linked store, untouched', async () => {
    const dataFile = join(directory.path, 'store.json');
    await FileKeyStore.open(dataFile).then((store) => store.close());
    await link(dataFile, join(directory.path, 'other-name.json'));
    const text = await readFile(dataFile, 'utf8');
    const error = await FileKeyStore.open(dataFile).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeyStoreFileError);
    expect((error as Error).message).toContain('2 hard links');
    expect(await readFile(dataFile, 'utf8')).toBe(text);
  });
});
