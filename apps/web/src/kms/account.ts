/** The Region and account in the ARNs KMS Lab returns (the engine's defaults, made explicit). */
export const REGION = 'us-east-1';
export const ACCOUNT_ID = '111122223333';

export const keyArn = (keyId: string) => `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${keyId}`;

/** The bare key ID of a key ID or key ARN. */
export const bareKeyId = (keyIdOrArn: string) =>
  keyIdOrArn.replace(/^arn:[^:]+:kms:[^:]*:\d*:key\//, '');
