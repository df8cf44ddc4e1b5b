import type { Kms } from '@kms-lab/core';
import { useState } from 'react';
import { type ExplainedFailure, explainFailure } from '../../errors/explain';
import { getKms } from '../../kms/runtime';
import { useRemembered } from '../../lib/remembered';

/**
 * One card's engine requests: busy while one runs, and the last failure explained. The
 * failure is remembered under `memoryKey`, so it is still there after a look at another
 * screen, as the card's inputs and outputs are.
 */
export function useKmsCall(memoryKey: string) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useRemembered<ExplainedFailure | undefined>(memoryKey, undefined);

  async function run(work: (kms: Kms) => Promise<void>): Promise<void> {
    setBusy(true);
    setFailure(undefined);
    try {
      await work(await getKms());
    } catch (error) {
      setFailure(explainFailure(error));
    } finally {
      setBusy(false);
    }
  }
  return { busy, failure, run };
}
