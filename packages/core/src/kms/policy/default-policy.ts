/**
 * AWS's default key policy: the one a KMS key gets when CreateKey has no Policy. It allows the
 * account (and through it, IAM policies) every KMS action on the key. The text is laid out
 * exactly as GetKeyPolicy returns it from AWS (the API model's GetKeyPolicy example): two-space
 * indentation, " : " between names and values, and "[ {" / "} ]" around the statement list.
 */
export const DEFAULT_POLICY_NAME = 'default';

export function defaultKeyPolicy(partition: string, accountId: string): string {
  return `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:${partition}:iam::${accountId}:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;
}
