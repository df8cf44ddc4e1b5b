import type { KeySpec, KeyUsageType } from '@kms-lab/core';
import { type FormEvent, useId, useState } from 'react';
import { EXPORTABLE_TAG } from '../../kms/exportable';
import { useLab } from '../../state/store';
import { Busy } from '../shared/Busy';
import { isImportableSpec, KEY_SPEC_GROUPS, USAGE_NOTES, usagesOf } from './key-specs';

// A type alias, not an interface: it is also the snippets' SnippetInput, an index type.
type CreateKeyInput = {
  Description: string | undefined;
  KeySpec: KeySpec;
  KeyUsage: KeyUsageType | undefined;
  Origin: 'EXTERNAL' | undefined;
  MultiRegion: boolean | undefined;
  Tags: { list: Record<string, string>[] } | undefined;
};

export function CreateKeyForm() {
  const runKeyOperation = useLab((state) => state.runKeyOperation);
  const selectKey = useLab((state) => state.selectKey);
  const pending = useLab((state) => state.keyOperationPending);
  const [description, setDescription] = useState('');
  const [keySpec, setKeySpec] = useState<KeySpec>('SYMMETRIC_DEFAULT');
  const [keyUsage, setKeyUsage] = useState<KeyUsageType>('ENCRYPT_DECRYPT');
  const [alias, setAlias] = useState('');
  const [exportable, setExportable] = useState(false);
  const [external, setExternal] = useState(false);
  const [multiRegion, setMultiRegion] = useState(false);
  const [creating, setCreating] = useState(false);
  const ids = {
    usageNote: useId(),
    specNote: useId(),
    exportNote: useId(),
    originNote: useId(),
    regionNote: useId(),
  };
  const symmetric = keySpec === 'SYMMETRIC_DEFAULT';
  const usages = usagesOf(keySpec);

  function changeSpec(next: KeySpec) {
    setKeySpec(next);
    const allowed = usagesOf(next);
    if (!allowed.includes(keyUsage)) setKeyUsage(allowed[0] as KeyUsageType);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    // KeyUsage is left out for symmetric keys, whose only usage is AWS's default.
    const input: CreateKeyInput = {
      Description: description || undefined,
      KeySpec: keySpec,
      KeyUsage: symmetric ? undefined : keyUsage,
      Origin: external ? 'EXTERNAL' : undefined,
      MultiRegion: multiRegion || undefined,
      // The tag is how the app's store knows to keep the material extractable (kms/exportable.ts).
      Tags:
        symmetric && exportable && !external
          ? { list: [{ ...EXPORTABLE_TAG }] as Record<string, string>[] }
          : undefined,
    };
    setCreating(true);
    try {
      await createKeyAndAlias(input);
    } finally {
      setCreating(false);
    }
  }

  async function createKeyAndAlias(input: CreateKeyInput) {
    const request = { ...input, Tags: input.Tags ? [EXPORTABLE_TAG] : undefined };
    const created = await runKeyOperation('CreateKey', input, (kms) => kms.createKey(request));
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
    setExportable(false);
    setExternal(false);
    setMultiRegion(false);
  }

  function changeOrigin(toExternal: boolean) {
    setExternal(toExternal);
    // Only some specs take imported material: fall back to the symmetric default.
    if (toExternal && !isImportableSpec(keySpec)) changeSpec('SYMMETRIC_DEFAULT');
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
        <label htmlFor="create-key-origin">Origin</label>
        <select
          id="create-key-origin"
          value={external ? 'EXTERNAL' : 'AWS_KMS'}
          aria-describedby={ids.originNote}
          onChange={(event) => changeOrigin(event.target.value === 'EXTERNAL')}
        >
          <option value="AWS_KMS">AWS_KMS (KMS makes the key material)</option>
          <option value="EXTERNAL">EXTERNAL (you import your own key material)</option>
        </select>
        <p id={ids.originNote} className="muted hint">
          {external
            ? 'The key starts in PendingImport, with no key material: import yours from its page (symmetric, HMAC, RSA and NIST-curve keys only).'
            : 'KMS makes the key material inside KMS, and it never leaves.'}
        </p>
      </div>
      <div className="field">
        <label htmlFor="create-key-spec">Key spec</label>
        <select
          id="create-key-spec"
          value={keySpec}
          aria-describedby={ids.specNote}
          onChange={(event) => changeSpec(event.target.value as KeySpec)}
        >
          {KEY_SPEC_GROUPS.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.specs.map((spec) => (
                <option key={spec} value={spec} disabled={external && !isImportableSpec(spec)}>
                  {spec}
                  {spec === 'SYMMETRIC_DEFAULT' ? ' (wraps data key pairs)' : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p id={ids.specNote} className="muted hint">
          Only SYMMETRIC_DEFAULT keys wrap data key pairs; asymmetric and HMAC keys are used on the
          Use a KMS key screen. ML-DSA and ML-KEM are in the AWS API, but KMS Lab does not make them
          (UnsupportedOperationException).
        </p>
      </div>
      <div className="field">
        <label htmlFor="create-key-usage">Key usage</label>
        <select
          id="create-key-usage"
          value={symmetric ? 'ENCRYPT_DECRYPT' : keyUsage}
          disabled={symmetric}
          aria-describedby={ids.usageNote}
          onChange={(event) => setKeyUsage(event.target.value as KeyUsageType)}
        >
          {usages.map((usage) => (
            <option key={usage} value={usage}>
              {usage} ({USAGE_NOTES[usage]})
            </option>
          ))}
        </select>
        <p id={ids.usageNote} className="muted hint">
          {symmetric
            ? 'A symmetric key is always ENCRYPT_DECRYPT: CreateKey is sent without KeyUsage.'
            : `What a ${keySpec} key may do is fixed when it is made.`}
        </p>
      </div>
      {symmetric && !external && (
        <div className="field">
          <div className="field checkbox">
            <input
              id="create-key-exportable"
              type="checkbox"
              checked={exportable}
              aria-describedby={ids.exportNote}
              onChange={(event) => setExportable(event.target.checked)}
            />
            <label htmlFor="create-key-exportable">
              Allow this key's material to be exported (for moving a demo to another machine)
            </label>
          </div>
          <p id={ids.exportNote} className="muted hint">
            Off: the material is a non-extractable CryptoKey that never leaves this browser. On:
            History's "Export with master keys" can write it into a lab file, so blobs made under
            this key decrypt on another machine.
          </p>
        </div>
      )}
      <div className="field">
        <div className="field checkbox">
          <input
            id="create-key-multi-region"
            type="checkbox"
            checked={multiRegion}
            aria-describedby={ids.regionNote}
            onChange={(event) => setMultiRegion(event.target.checked)}
          />
          <label htmlFor="create-key-multi-region">Multi-Region key</label>
        </div>
        <p id={ids.regionNote} className="muted hint">
          MultiRegion: a primary key (its ID starts with mrk-) that can be replicated to other
          Regions, where its replicas share its key ID and key material: what one Region encrypts,
          another decrypts.
        </p>
      </div>
      <button type="submit" className="primary" disabled={pending}>
        Create key
      </button>
      {creating && <Busy label="Creating the key" />}
    </form>
  );
}
