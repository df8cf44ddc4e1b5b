import { aliyunCliCommand, kmsLabCode } from './alibaba';
import { awsCliCommand } from './aws-cli';
import { awsSdkCode } from './aws-sdk';
import type { SnippetInput } from './types';

export interface OperationSnippet {
  title: string;
  language: 'shell' | 'typescript';
  code: string;
}

/**
 * The same request elsewhere: the AWS CLI and SDK v3 for AWS operations; the Alibaba
 * Cloud CLI and KMS Lab's engine for the Advance operations, which AWS does not have.
 */
export function snippetsFor(operation: string, input: SnippetInput): OperationSnippet[] {
  if (operation.startsWith('Advance'))
    return [
      { title: 'Alibaba Cloud CLI', language: 'shell', code: aliyunCliCommand(operation, input) },
      { title: 'KMS Lab core', language: 'typescript', code: kmsLabCode(operation, input) },
    ];
  return [
    { title: 'AWS CLI', language: 'shell', code: awsCliCommand(operation, input) },
    {
      title: 'AWS SDK for JavaScript v3',
      language: 'typescript',
      code: awsSdkCode(operation, input),
    },
  ];
}
