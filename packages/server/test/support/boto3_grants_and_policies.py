"""Grants and key policies with boto3 against a kms-lab server.

Run by test/grants-policies.test.ts as `python3 boto3_grants_and_policies.py <endpoint>`.
Prints one JSON document of what each call answered; the test checks it. Errors are caught
as botocore ClientErrors and reported by their code and message, as a boto3 user sees them.
"""

import base64
import json
import sys

import boto3
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::111122223333:role/Boto3Worker"

kms = boto3.client(
    "kms",
    endpoint_url=sys.argv[1],
    region_name="us-east-1",
    aws_access_key_id="kmslab",
    aws_secret_access_key="kmslab",
)


def error_of(call, **arguments):
    try:
        call(**arguments)
    except ClientError as error:
        return {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}
    return None


out = {}
key_id = kms.create_key(Description="boto3")["KeyMetadata"]["KeyId"]
out["keyId"] = key_id

grant = kms.create_grant(
    KeyId=key_id,
    GranteePrincipal=ROLE,
    RetiringPrincipal=ROLE,
    Operations=["GenerateDataKeyPair", "Decrypt"],
    Constraints={"EncryptionContextSubset": {"tenant": "a"}},
    Name="boto3-grant",
)
out["grant"] = {"GrantId": grant["GrantId"], "GrantToken": grant["GrantToken"]}
again = kms.create_grant(
    KeyId=key_id,
    GranteePrincipal=ROLE,
    RetiringPrincipal=ROLE,
    Operations=["Decrypt", "GenerateDataKeyPair"],
    Constraints={"EncryptionContextSubset": {"tenant": "a"}},
    Name="boto3-grant",
)
out["sameNameGrantId"] = again["GrantId"]
out["sameNameTokenDiffers"] = again["GrantToken"] != grant["GrantToken"]

pair = kms.generate_data_key_pair(
    KeyId=key_id,
    KeyPairSpec="ECC_NIST_P256",
    EncryptionContext={"tenant": "a"},
    GrantTokens=[grant["GrantToken"]],
)
out["pair"] = {
    "PublicKey": base64.b64encode(pair["PublicKey"]).decode(),
    "PrivateKeyPlaintext": base64.b64encode(pair["PrivateKeyPlaintext"]).decode(),
}
decrypted = kms.decrypt(
    CiphertextBlob=pair["PrivateKeyCiphertextBlob"],
    EncryptionContext={"tenant": "a"},
    GrantTokens=[again["GrantToken"]],
)
out["decryptedMatches"] = decrypted["Plaintext"] == pair["PrivateKeyPlaintext"]

listed = kms.list_grants(KeyId=key_id)
out["listGrants"] = [
    {name: entry.get(name) for name in ("GrantId", "Name", "GranteePrincipal", "RetiringPrincipal",
                                        "IssuingAccount", "Operations", "Constraints", "KeyId")}
    for entry in listed["Grants"]
]
out["listGrantsTruncated"] = listed["Truncated"]
out["creationDateType"] = type(listed["Grants"][0]["CreationDate"]).__name__
out["retirable"] = [g["GrantId"] for g in kms.list_retirable_grants(RetiringPrincipal=ROLE)["Grants"]]

second = kms.create_grant(KeyId=key_id, GranteePrincipal=ROLE, Operations=["Encrypt"])
paged = kms.get_paginator("list_grants").paginate(KeyId=key_id, PaginationConfig={"PageSize": 1})
out["pagedGrantIds"] = [g["GrantId"] for page in paged for g in page["Grants"]]

kms.retire_grant(GrantToken=grant["GrantToken"])
kms.revoke_grant(KeyId=key_id, GrantId=second["GrantId"])
out["afterRetireAndRevoke"] = kms.list_grants(KeyId=key_id)["Grants"]

out["errors"] = {
    "madeUpToken": error_of(kms.generate_data_key_pair, KeyId=key_id, KeyPairSpec="RSA_2048",
                            GrantTokens=["made-up"]),
    "retiredToken": error_of(kms.describe_key, KeyId=key_id, GrantTokens=[grant["GrantToken"]]),
    "revokeAgain": error_of(kms.revoke_grant, KeyId=key_id, GrantId=second["GrantId"]),
    "malformedGrantId": error_of(kms.revoke_grant, KeyId=key_id, GrantId="xyz"),
    "signOnSymmetric": error_of(kms.create_grant, KeyId=key_id, GranteePrincipal=ROLE, Operations=["Sign"]),
    "dryRun": error_of(kms.create_grant, KeyId=key_id, GranteePrincipal=ROLE, Operations=["Decrypt"],
                       DryRun=True),
}

policy = kms.get_key_policy(KeyId=key_id, PolicyName="default")
out["defaultPolicy"] = policy["Policy"]
out["policyNames"] = kms.list_key_policies(KeyId=key_id)["PolicyNames"]
custom = json.dumps({
    "Version": "2012-10-17",
    "Id": "boto3-policy",
    "Statement": [
        {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "Worker", "Effect": "Allow", "Principal": {"AWS": ROLE},
         "Action": ["kms:Decrypt", "kms:GenerateDataKeyPair"], "Resource": "*"},
    ],
}, indent=4)
kms.put_key_policy(KeyId=key_id, PolicyName="default", Policy=custom)
out["customPolicyKept"] = kms.get_key_policy(KeyId=key_id)["Policy"] == custom
lockout = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": ROLE}, "Action": "kms:*", "Resource": "*"}]})
out["errors"]["lockout"] = error_of(kms.put_key_policy, KeyId=key_id, PolicyName="default", Policy=lockout)
out["errors"]["notJson"] = error_of(kms.put_key_policy, KeyId=key_id, PolicyName="default", Policy="{nope")
kms.put_key_policy(KeyId=key_id, PolicyName="default", Policy=lockout, BypassPolicyLockoutSafetyCheck=True)
out["bypassedPolicyKept"] = kms.get_key_policy(KeyId=key_id)["Policy"] == lockout
created = kms.create_key(Policy=custom)["KeyMetadata"]["KeyId"]
out["createKeyPolicyKept"] = kms.get_key_policy(KeyId=created)["Policy"] == custom

print(json.dumps(out))
