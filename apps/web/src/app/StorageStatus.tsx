import { useLab } from '../state/store';

export function StorageStatus() {
  const persistent = useLab((state) => state.persistentStorage);
  return (
    <p className="storage-status" data-testid="storage-status">
      Keys and history are kept in this browser's IndexedDB
      {persistent === true
        ? ' (persistent storage granted).'
        : persistent === false
          ? ' (the browser may clear it under storage pressure: persistent storage was not granted).'
          : '.'}{' '}
      Plaintext private keys are never stored.
    </p>
  );
}
