import { open, readFile, rm } from 'node:fs/promises';
import { FILE_MODE } from './atomic-file.js';

/** Another process (or another store in this one) already uses the key store file. */
export class LockedError extends Error {
  override readonly name = 'LockedError';
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes `<file>.lock`, holding this process's ID, so two servers never share one store
 * file: each keeps the store in memory and would overwrite the other's changes. A lock
 * left behind by a process that no longer runs (a crash) is taken over.
 */
export async function acquireLock(path: string): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', FILE_MODE);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isSafeInteger(holder) && holder > 0 && isAlive(holder))
      throw new LockedError(
        `${path} is in use by ${holder === process.pid ? 'this process' : `process ${holder}`} (see ${lockPath}). Stop that server or choose another --data file; delete the lock file only if no server uses the file.`,
      );
    await rm(lockPath, { force: true });
  }
  throw new LockedError(`Could not take the lock ${lockPath}: another server keeps taking it.`);
}
