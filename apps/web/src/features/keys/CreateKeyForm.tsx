import { type FormEvent, useState } from 'react';
import { useLab } from '../../state/store';

const KEY_SPECS = [
  { spec: 'SYMMETRIC_DEFAULT', usage: 'ENCRYPT_DECRYPT', note: 'wraps data key pairs' },
  { spec: 'RSA_2048', usage: 'ENCRYPT_DECRYPT', note: 'cannot wrap data key pairs' },
  { spec: 'ECC_NIST_P256', usage: 'SIGN_VERIFY', note: 'cannot wrap data key pairs' },
  { spec: 'HMAC_256', usage: 'GENERATE_VERIFY_MAC', note: 'cannot wrap data key pairs' },
] as const;

export function CreateKeyForm() {
  const runKeyOperation = useLab((state) => state.runKeyOperation);
  const selectKey = useLab((state) => state.selectKey);
  const pending = useLab((state) => state.keyOperationPending);
  const [description, setDescription] = useState('');
  const [keySpec, setKeySpec] = useState<(typeof KEY_SPECS)[number]['spec']>('SYMMETRIC_DEFAULT');
  const [alias, setAlias] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const keyUsage = KEY_SPECS.find((each) => each.spec === keySpec)?.usage ?? 'ENCRYPT_DECRYPT';
    const input = {
      Description: description || undefined,
      KeySpec: keySpec,
      KeyUsage: keyUsage,
    };
    const created = await runKeyOperation('CreateKey', input, (kms) => kms.createKey(input));
    const keyId = created?.KeyMetadata?.KeyId;
    if (!keyId) return;
    selectKey(keyId);
    const aliasName = alias.trim();
    if (aliasName) {
      const aliasInput = {
        AliasName: aliasName.startsWith('alias/') ? aliasName : `alias/${aliasName}`,
        TargetKeyId: keyId,
      };
      await runKeyOperation('CreateAlias', aliasInput, (kms) => kms.createAlias(aliasInput));
    }
    setDescription('');
    setAlias('');
  }

  return (
    <form className="card" aria-labelledby="create-key-heading" onSubmit={onSubmit}>
      <h3 id="create-key-heading">Create a master key</h3>
      <div className="field">
        <label htmlFor="create-key-alias">Alias (optional)</label>
        <input
          id="create-key-alias"
          value={alias}
          placeholder="alias/demo"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setAlias(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="create-key-description">Description</label>
        <input
          id="create-key-description"
          value={description}
          autoComplete="off"
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="create-key-spec">Key spec</label>
        <select
          id="create-key-spec"
          value={keySpec}
          onChange={(event) => setKeySpec(event.target.value as typeof keySpec)}
        >
          {KEY_SPECS.map((each) => (
            <option key={each.spec} value={each.spec}>
              {each.spec} ({each.note})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={pending}>
        Create key
      </button>
    </form>
  );
}
