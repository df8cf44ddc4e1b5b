"""Multi-Region keys with boto3 against a kms-lab server: one client per Region.

Run by test/multi-region.test.ts as `python3 boto3_multi_region.py <endpoint>`. Prints one
JSON document of what each call answered; the test checks it. Errors are caught as botocore
ClientErrors and reported by their code and message, as a boto3 user sees them.
"""

import base64
import json
import sys

import boto3
from botocore.exceptions import ClientError


def client(region):
    return boto3.client(
        "kms",
        endpoint_url=sys.argv[1],
        region_name=region,
        aws_access_key_id="kmslab",
        aws_secret_access_key="kmslab",
    )


east = client("us-east-1")
west = client("eu-west-1")


def error_of(call, **arguments):
    try:
        call(**arguments)
    except ClientError as error:
        return {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}
    return None


created = east.create_key(MultiRegion=True, Description="boto3 primary")["KeyMetadata"]
key_id = created["KeyId"]
before_replica = error_of(west.describe_key, KeyId=key_id)
blob = east.encrypt(KeyId=key_id, Plaintext=b"from us-east-1", EncryptionContext={"by": "boto3"})
replica = east.replicate_key(KeyId=key_id, ReplicaRegion="eu-west-1", Description="boto3 replica")
decrypted = west.decrypt(CiphertextBlob=blob["CiphertextBlob"], EncryptionContext={"by": "boto3"})
east.rotate_key_on_demand(KeyId=key_id)
rotated_blob = west.encrypt(KeyId=key_id, Plaintext=b"after rotation")
rotated = east.decrypt(CiphertextBlob=rotated_blob["CiphertextBlob"])
west.create_alias(AliasName="alias/boto3-west", TargetKeyId=key_id)
alias_in_east = error_of(east.describe_key, KeyId="alias/boto3-west")
replicate_again = error_of(east.replicate_key, KeyId=key_id, ReplicaRegion="eu-west-1")
replicate_replica = error_of(west.replicate_key, KeyId=key_id, ReplicaRegion="ap-southeast-1")
east.update_primary_region(KeyId=key_id, PrimaryRegion="eu-west-1")

print(
    json.dumps(
        {
            "keyId": key_id,
            "created": {
                "MultiRegion": created["MultiRegion"],
                "MultiRegionConfiguration": created["MultiRegionConfiguration"],
            },
            "beforeReplica": before_replica,
            "replicaArn": replica["ReplicaKeyMetadata"]["Arn"],
            "replicaDescription": replica["ReplicaKeyMetadata"]["Description"],
            "decrypted": base64.b64encode(decrypted["Plaintext"]).decode(),
            "decryptedKeyId": decrypted["KeyId"],
            "rotated": rotated["Plaintext"].decode(),
            "aliasInEast": alias_in_east,
            "replicateAgain": replicate_again,
            "replicateReplica": replicate_replica,
            "eastAfterUpdate": east.describe_key(KeyId=key_id)["KeyMetadata"]["MultiRegionConfiguration"],
            "westAfterUpdate": west.describe_key(KeyId=key_id)["KeyMetadata"]["MultiRegionConfiguration"],
        }
    )
)
