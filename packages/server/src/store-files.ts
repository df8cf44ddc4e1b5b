/**
 * The files around the key store: its real path (symlinks followed, hard links refused), the
 * temporary files a crash left, and its mode (owner-only: it holds key material).
 */
import { chmod, readdir, realpath, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FILE_MODE } from './atomic-file.js';

/** Refusal to open a key store file, with the path and the reason. */
export class KeyStoreFileError extends Error {
  override readonly name = 'KeyStoreFileError';
}

/**
 * Temporary files a crash (kill -9) left beside the store: copies of the store being written,
 * and lock files being made. Under the lock no one else writes them, but a lock temporary
 * of a server starting right now is kept.
 */
export async function removeLeftovers(storePath: string): Promise<void> {
  const directory = dirname(storePath);
  const name = basename(storePath);
  for (const entry of await readdir(directory)) {
    if (!entry.endsWith('.tmp')) continue;
    const storeCopy = entry.startsWith(`.${name}.`);
    const lockTemporary = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(entry.slice(`${name}.lock.`.length));
    if (!storeCopy && !(entry.startsWith(`${name}.lock.`) && lockTemporary)) continue;
    if (lockTemporary && isRunning(Number(lockTemporary[1]))) continue;
    await rm(join(directory, entry), { force: true });
  }
}

/** A store others can read is made owner-only, with a warning: it holds key material. */
export async function keepPrivate(storePath: string, warn: (line: string) => void): Promise<void> {
  const mode = await stat(storePath).then(
    (stats) => stats.mode & 0o777,
    () => undefined,
  );
  if (mode === undefined || (mode & 0o077) === 0) return;
  await chmod(storePath, FILE_MODE);
  warn(
    `${storePath} was readable or writable by others (mode 0${mode.toString(8)}); it holds key material, so it is now 0600.`,
  );
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The store's real path: a symlink is followed, so its target is locked and written (the
 * link stays a link), and a second server reaching the same file by another name meets the
 * same lock. A file with several hard links is refused: its names cannot be told apart.
 */
export async function realStorePath(path: string): Promise<string> {
  const absolute = resolve(path);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // No file yet: resolve the directory, if there is one, and keep the name.
    real = await realpath(dirname(absolute)).then(
      (directory) => join(directory, basename(absolute)),
      () => absolute,
    );
    return real;
  }
  const { nlink } = await stat(real);
  if (nlink > 1)
    throw new KeyStoreFileError(
      `Refusing to use ${absolute} as the key store: the file has ${nlink} hard links, so another server could open it under another name and both would write it. Use a copy, or a symbolic link.`,
    );
  return real;
}
