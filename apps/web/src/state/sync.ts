import { getRuntime, requestPersistentStorage } from '../kms/runtime';
import { useLab } from './store';

/**
 * Loads what IndexedDB holds and keeps it fresh: another tab's change arrives on the
 * BroadcastChannel and is re-read here, without a reload.
 */
export async function startSync(): Promise<() => void> {
  const { sync } = await getRuntime();
  const lab = useLab.getState();
  const unsubscribe = sync.subscribe((topic) => {
    const state = useLab.getState();
    if (topic === 'keys') void state.refreshKeys().then(() => state.refreshMissingKeys());
    else if (topic === 'history') void state.refreshHistory();
    else void state.loadClock().then(() => state.refreshKeys());
  });
  await lab.loadClock();
  await Promise.all([lab.refreshKeys(), lab.refreshHistory(), lab.refreshMissingKeys()]);
  lab.setPersistentStorage(await requestPersistentStorage());
  return unsubscribe;
}
