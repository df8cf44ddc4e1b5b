import { FailureNotice } from '../../errors/FailureNotice';
import { Snippets } from '../../output/Snippets';
import { awsCliCommand } from '../../snippets/aws-cli';
import { awsSdkCode } from '../../snippets/aws-sdk';
import { useLab } from '../../state/store';

/** The key management requests just made: outcome, and the same request for AWS. */
export function RecentKeyOperations() {
  const operations = useLab((state) => state.recentKeyOperations);
  if (operations.length === 0) return null;
  return (
    <section className="card recent-operations" aria-labelledby="recent-operations-heading">
      <h3 id="recent-operations-heading">Recent key requests</h3>
      <ol>
        {operations.map((record, index) => (
          // Records are appended only, so the position identifies one for this render.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={`${record.operation}-${index}`} data-testid="key-request">
            <p>
              <strong>{record.operation}</strong> {record.failure ? 'failed' : 'succeeded'}
            </p>
            {record.failure && <FailureNotice failure={record.failure} />}
            {index === 0 && (
              <Snippets
                heading={`${record.operation} elsewhere`}
                snippets={[
                  {
                    title: 'AWS CLI',
                    language: 'shell',
                    code: awsCliCommand(record.operation, record.input),
                  },
                  {
                    title: 'AWS SDK for JavaScript v3',
                    language: 'typescript',
                    code: awsSdkCode(record.operation, record.input),
                  },
                ]}
              />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
