import type { StoreTopic } from './idb-key-store';

/**
 * Tells the app's other tabs what changed, so they re-read IndexedDB without a reload.
 * Messages carry only a topic: never key material or anything else secret.
 */
const CHANNEL = 'kms-lab-sync';

export interface SyncChannel {
  publish(topic: StoreTopic): void;
  subscribe(listener: (topic: StoreTopic) => void): () => void;
}

export function createSyncChannel(): SyncChannel {
  if (typeof BroadcastChannel === 'undefined')
    return { publish: () => {}, subscribe: () => () => {} };
  const channel = new BroadcastChannel(CHANNEL);
  // Several writes in a row (a rotation catch-up, say) become one message per topic.
  const pending = new Set<StoreTopic>();
  let scheduled = false;
  return {
    publish(topic) {
      pending.add(topic);
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        for (const each of pending) channel.postMessage({ topic: each });
        pending.clear();
      });
    },
    subscribe(listener) {
      const onMessage = (event: MessageEvent<{ topic?: unknown }>) => {
        const topic = event.data?.topic;
        if (topic === 'keys' || topic === 'history' || topic === 'clock') listener(topic);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}
