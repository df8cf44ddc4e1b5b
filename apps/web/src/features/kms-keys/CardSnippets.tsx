import { Snippets } from '../../output/Snippets';
import { snippetsFor } from '../../snippets/for-operation';
import type { SnippetInput } from '../../snippets/types';

/** The card's request for AWS: the AWS CLI command and the SDK v3 code, with its inputs. */
export function CardSnippets({ operation, input }: { operation: string; input: SnippetInput }) {
  return (
    <Snippets
      heading={`${operation} with the AWS CLI and SDK`}
      headingLevel={4}
      snippets={snippetsFor(operation, input)}
    />
  );
}
