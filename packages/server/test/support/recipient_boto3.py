"""boto3 against `kms-lab serve` with a Recipient, for test/recipient.test.ts.

Usage: recipient_boto3.py ENDPOINT OUT_DIR VALID_DOCUMENT PEER_PUBLIC_KEY_DER [NAME=DOCUMENT]...

Calls every operation that takes a Recipient (Decrypt, DeriveSharedSecret, GenerateDataKey,
GenerateDataKeyPair, GenerateRandom) with the valid document, writes each
CiphertextForRecipient (and what the test compares it with) to OUT_DIR, then sends each
NAME=DOCUMENT to GenerateDataKeyPair and records the error. Prints a JSON summary.
"""
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, out_dir, valid_path, peer_path, *others = sys.argv[1:]
kms = boto3.client(
    "kms",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="kmslab",
    aws_secret_access_key="kmslab",
    config=Config(retries={"max_attempts": 1}),
)


def recipient(path, algorithm="RSAES_OAEP_SHA_256"):
    with open(path, "rb") as document:
        return {"KeyEncryptionAlgorithm": algorithm, "AttestationDocument": document.read()}


def save(name, data):
    with open(os.path.join(out_dir, name), "wb") as file:
        file.write(data)


summary = {"fields": {}, "errors": {}}
key_id = kms.create_key()["KeyMetadata"]["KeyId"]

pair = kms.generate_data_key_pair(
    KeyId=key_id, KeyPairSpec="ECC_NIST_P256", Recipient=recipient(valid_path)
)
save("pair.public.der", pair["PublicKey"])
save("pair.cms", pair["CiphertextForRecipient"])
summary["fields"]["GenerateDataKeyPair"] = sorted(pair)

data_key = kms.generate_data_key(KeyId=key_id, KeySpec="AES_256", Recipient=recipient(valid_path))
save("data-key.cms", data_key["CiphertextForRecipient"])
save("data-key.plaintext", kms.decrypt(CiphertextBlob=data_key["CiphertextBlob"])["Plaintext"])
summary["fields"]["GenerateDataKey"] = sorted(data_key)

blob = kms.encrypt(KeyId=key_id, Plaintext=b"decrypted for the enclave")["CiphertextBlob"]
decrypted = kms.decrypt(CiphertextBlob=blob, Recipient=recipient(valid_path))
save("decrypt.cms", decrypted["CiphertextForRecipient"])
summary["fields"]["Decrypt"] = sorted(decrypted)

random = kms.generate_random(NumberOfBytes=40, Recipient=recipient(valid_path))
save("random.cms", random["CiphertextForRecipient"])
summary["fields"]["GenerateRandom"] = sorted(random)

agreement = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="KEY_AGREEMENT")["KeyMetadata"]["KeyId"]
with open(peer_path, "rb") as peer:
    peer_public_key = peer.read()
save("agreement.public.der", kms.get_public_key(KeyId=agreement)["PublicKey"])
derived = kms.derive_shared_secret(
    KeyId=agreement,
    KeyAgreementAlgorithm="ECDH",
    PublicKey=peer_public_key,
    Recipient=recipient(valid_path),
)
save("shared-secret.cms", derived["CiphertextForRecipient"])
summary["fields"]["DeriveSharedSecret"] = sorted(derived)

for entry in others:
    name, path = entry.split("=", 1)
    algorithm = "RSAES_OAEP_SHA_1" if name == "wrong-algorithm" else "RSAES_OAEP_SHA_256"
    try:
        kms.generate_data_key_pair(
            KeyId=key_id, KeyPairSpec="ECC_NIST_P256", Recipient=recipient(path, algorithm)
        )
        summary["errors"][name] = None
    except ClientError as error:
        summary["errors"][name] = {
            "code": error.response["Error"]["Code"],
            "message": error.response["Error"]["Message"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        }

print(json.dumps(summary))
