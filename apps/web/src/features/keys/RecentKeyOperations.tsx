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
                    code: inRegion(awsCliCommand(record.operation, record.input), record.region),
                  },
                  {
                    title: 'AWS SDK for JavaScript v3',
                    language: 'typescript',
                    code: awsSdkCode(record.operation, record.input, record.region),
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

/** The CLI command sent to a Region's endpoint: `aws kms <operation> --region <region> ...`. */
const inRegion = (command: string, region: string | undefined) =>
  region ? command.replace(/^(aws kms [a-z-]+)/, `$1 --region ${region}`) : command;
