import { useLab } from '../../state/store';
import { ClockControl } from './ClockControl';
import { CreateKeyForm } from './CreateKeyForm';
import { KeyDetails } from './KeyDetails';
import { KeysTable } from './KeysTable';
import { MissingKeys } from './MissingKeys';
import { RecentKeyOperations } from './RecentKeyOperations';

/** Master keys: create, inspect, alias, enable/disable, delete, rotate. */
export function KeysPanel() {
  const selected = useLab((state) => state.keys.find((key) => key.keyId === state.selectedKeyId));
  return (
    <div className="keys-panel">
      <h2>Master keys</h2>
      <p className="lead">
        A master key (a KMS key) never leaves KMS Lab: it is kept in IndexedDB as non-extractable
        CryptoKeys (or encrypted under one), unless you make a symmetric key exportable to move a
        demo to another machine (History, Lab file). A symmetric key wraps the private keys of the
        data key pairs you generate; an asymmetric or HMAC key signs, decrypts, agrees on secrets or
        makes MACs on the Use a KMS key screen.
      </p>
      <div className="columns">
        <div>
          <CreateKeyForm />
          <KeysTable />
          <MissingKeys />
        </div>
        <div>
          {selected ? <KeyDetails key={selected.keyId} summary={selected} /> : null}
          {/* Beside the selected key's rotation and deletion, whose dates it brings closer. */}
          <ClockControl />
        </div>
      </div>
      <RecentKeyOperations />
    </div>
  );
}
