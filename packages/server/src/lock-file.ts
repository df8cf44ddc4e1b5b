import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { FILE_MODE } from './atomic-file.js';

/** Another process (or another store in this one) already uses the key store file. */
export class LockedError extends Error {
  override readonly name = 'LockedError';
}

/**
 * Who holds a lock: a process ID, and the process's start time where the system tells it
 * (Linux: /proc/<pid>/stat), so a reused process ID is not taken for the holder.
 */
interface Holder {
  pid: number;
  started: string;
}

async function startTimeOf(pid: number): Promise<string> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the parenthesised command name, which may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isAlive(holder: Holder): Promise<boolean> {
  if (!isRunning(holder.pid)) return false;
  if (holder.started === '') return true;
  return (await startTimeOf(holder.pid)) === holder.started;
}

const format = (holder: Holder) => `${holder.pid} ${holder.started}\n`;

function parse(text: string | undefined): Holder | undefined {
  const [pid, started = ''] = (text ?? '').trim().split(' ');
  const number = Number(pid);
  return Number.isSafeInteger(number) && number > 0 ? { pid: number, started } : undefined;
}

const readText = (path: string) => readFile(path, 'utf8').catch(() => undefined);

/** A file holding `text`, complete on disk before it is linked anywhere. */
async function writeTemporary(path: string, text: string): Promise<string> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', FILE_MODE);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

/** link() fails with EEXIST when the name is taken: an atomic create-with-content. */
async function linkExclusive(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes `<file>.lock` so that two servers never share one store file: each keeps the store in
 * memory and would overwrite the other's changes. The lock appears at once with its holder
 * written in it (linked from a complete temporary file), so no one ever reads an empty lock.
 * A lock whose holder no longer runs (a crash) is taken over under `<file>.lock.takeover`,
 * itself taken atomically, and replaced by rename: of several servers starting at once after
 * a crash, exactly one gets the store.
 */
export async function acquireLock(path: string): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  const takeoverPath = `${lockPath}.takeover`;
  const self: Holder = { pid: process.pid, started: await startTimeOf(process.pid) };
  const mine = format(self);
  const temporary = await writeTemporary(lockPath, mine);
  const release = async () => {
    if ((await readText(lockPath)) === mine) await rm(lockPath, { force: true });
  };
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (await linkExclusive(temporary, lockPath)) return release;
      const text = await readText(lockPath);
      if (text === undefined) continue; // released in the meantime: try again
      const holder = parse(text);
      if (holder && (await isAlive(holder)))
        throw new LockedError(
          `${path} is in use by ${holder.pid === process.pid ? 'this process' : `process ${holder.pid}`} (see ${lockPath}). Stop that server or choose another --data file; delete the lock file only if no server uses the file.`,
        );
      // The holder is gone: take the lock over, one contender at a time.
      if (!(await linkExclusive(temporary, takeoverPath))) {
        const taker = parse(await readText(takeoverPath));
        if (taker && !(await isAlive(taker)))
          throw new LockedError(
            `${takeoverPath} was left by a process that no longer runs; delete it and start again.`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      try {
        // Still the same stale lock? Only a takeover removes one, and we hold the takeover.
        if ((await readText(lockPath)) === text) {
          const replacement = await writeTemporary(lockPath, mine);
          await rename(replacement, lockPath);
          return release;
        }
      } finally {
        await rm(takeoverPath, { force: true });
      }
    }
    throw new LockedError(`Could not take the lock ${lockPath}: other servers keep taking it.`);
  } finally {
    await rm(temporary, { force: true });
  }
}
