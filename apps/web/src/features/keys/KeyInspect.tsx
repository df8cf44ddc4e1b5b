import { useState } from 'react';
import type { KeySummary } from '../../kms/key-summary';
import { useLab } from '../../state/store';

/** The engine's own answer for the key, as AWS would give it: DescribeKey and ListKeyRotations. */
export function KeyInspect({ summary }: { summary: KeySummary }) {
  const run = useLab((state) => state.runKeyOperation);
  const pending = useLab((state) => state.keyOperationPending);
  const [output, setOutput] = useState<{ operation: string; json: string }>();
  const KeyId = summary.keyId;

  async function inspect(operation: 'DescribeKey' | 'ListKeyRotations') {
    const input =
      operation === 'DescribeKey' ? { KeyId } : { KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' };
    const response = await run<unknown>(operation, input, (kms) =>
      operation === 'DescribeKey'
        ? kms.describeKey({ KeyId })
        : kms.listKeyRotations({ KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
    );
    setOutput(response ? { operation, json: JSON.stringify(response, null, 2) } : undefined);
  }

  return (
    <section className="group" aria-labelledby="inspect-heading">
      <h4 id="inspect-heading">Ask the engine</h4>
      <div className="actions">
        <button type="button" disabled={pending} onClick={() => void inspect('DescribeKey')}>
          Describe key
        </button>
        {summary.keySpec === 'SYMMETRIC_DEFAULT' && (
          <button type="button" disabled={pending} onClick={() => void inspect('ListKeyRotations')}>
            List key rotations
          </button>
        )}
      </div>
      {output && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section aria-label={`${output.operation} response`} tabIndex={0} className="json-output">
          <pre
            data-testid={
              output.operation === 'DescribeKey' ? 'describe-output' : 'rotations-output'
            }
          >
            {output.json}
          </pre>
        </section>
      )}
    </section>
  );
}
