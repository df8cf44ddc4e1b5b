import { useState } from 'react';
import type { ExplainedFailure } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { useLab } from '../../state/store';
import { Busy } from '../shared/Busy';
import { NextStep } from '../shared/NextStep';

/**
 * Generate without a usable master key: one press makes a symmetric key (alias/demo, or the
 * next free name), which the form then takes.
 */
export function NeedsMasterKey({ onCreated }: { onCreated: (alias: string) => void }) {
  const anyKey = useLab((state) => state.keys.length > 0);
  const createSymmetricKey = useLab((state) => state.createSymmetricKey);
  const setView = useLab((state) => state.setView);
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState<ExplainedFailure>();

  async function create() {
    setCreating(true);
    setFailure(undefined);
    const alias = await createSymmetricKey('demo', 'Wraps the data key pairs made on Generate');
    setCreating(false);
    if (alias) onCreated(alias);
    else setFailure(useLab.getState().recentKeyOperations[0]?.failure);
  }

  return (
    <NextStep
      testId="next-step"
      actions={
        <>
          <button
            type="button"
            className="primary"
            disabled={creating}
            onClick={() => void create()}
          >
            Create a master key
          </button>
          <button type="button" onClick={() => setView('keys')}>
            Open the Keys screen
          </button>
        </>
      }
      footer={
        <>
          {creating && <Busy label="Creating the master key" />}
          {failure && <FailureNotice failure={failure} />}
        </>
      }
    >
      {anyKey
        ? 'No enabled symmetric master key yet. Only an Enabled SYMMETRIC_DEFAULT key can encrypt a data key pair’s private key: create one here, or enable one on the Keys screen.'
        : 'No master key yet. KMS encrypts the private key of every data key pair under a master key, so make one first: this button creates a symmetric key named alias/demo.'}
    </NextStep>
  );
}
