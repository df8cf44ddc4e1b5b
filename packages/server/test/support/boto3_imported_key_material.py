"""Imported key material with boto3 against a kms-lab server.

Run by test/imports.test.ts as `python3 boto3_imported_key_material.py <endpoint>`. Prints one
JSON document of what each call answered; the test checks it. The key material is wrapped
outside KMS Lab: with the `cryptography` package where it is installed, else with the
openssl command line (RSA-OAEP with pkeyutl, RFC 5649 with enc -id-aes256-wrap-pad).
"""

import base64
import datetime
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import time

import boto3
from botocore.exceptions import ClientError

kms = boto3.client(
    "kms",
    endpoint_url=sys.argv[1],
    region_name="us-east-1",
    aws_access_key_id="kmslab",
    aws_secret_access_key="kmslab",
)

try:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
    from cryptography.hazmat.primitives.keywrap import aes_key_wrap_with_padding

    def oaep_encrypt(public_key_der, sha, plaintext):
        public_key = serialization.load_der_public_key(public_key_der)
        algorithm = hashes.SHA1() if sha == "SHA_1" else hashes.SHA256()
        return public_key.encrypt(
            plaintext, padding.OAEP(mgf=padding.MGF1(algorithm=algorithm), algorithm=algorithm, label=None)
        )

    def aes_wrap_pad(aes_key, material):
        return aes_key_wrap_with_padding(aes_key, material)

    WRAPPED_BY = "cryptography"
except ImportError:

    def run_openssl(arguments, data):
        return subprocess.run(["openssl", *arguments], input=data, capture_output=True, check=True).stdout

    def oaep_encrypt(public_key_der, sha, plaintext):
        with tempfile.NamedTemporaryFile(suffix=".der", delete=False) as file:
            file.write(public_key_der)
        try:
            digest = "sha1" if sha == "SHA_1" else "sha256"
            return run_openssl(
                ["pkeyutl", "-encrypt", "-pubin", "-keyform", "DER", "-inkey", file.name,
                 "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", f"rsa_oaep_md:{digest}"],
                plaintext,
            )
        finally:
            os.unlink(file.name)

    def aes_wrap_pad(aes_key, material):
        return run_openssl(["enc", "-id-aes256-wrap-pad", "-K", aes_key.hex(), "-iv", "A65959A6"], material)

    WRAPPED_BY = "openssl"


def wrap(parameters, algorithm, material):
    sha = "SHA_1" if algorithm.endswith("SHA_1") else "SHA_256"
    if algorithm.startswith("RSAES_OAEP"):
        return oaep_encrypt(parameters["PublicKey"], sha, material)
    aes_key = os.urandom(32)
    return oaep_encrypt(parameters["PublicKey"], sha, aes_key) + aes_wrap_pad(aes_key, material)


def error_of(call, **arguments):
    try:
        call(**arguments)
    except ClientError as error:
        return {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}
    return None


def import_material(key_id, material, algorithm="RSAES_OAEP_SHA_256", spec="RSA_2048", **terms):
    parameters = kms.get_parameters_for_import(KeyId=key_id, WrappingAlgorithm=algorithm, WrappingKeySpec=spec)
    return kms.import_key_material(
        KeyId=key_id,
        ImportToken=parameters["ImportToken"],
        EncryptedKeyMaterial=wrap(parameters, algorithm, material),
        **terms,
    )


def state_of(key_id):
    return kms.describe_key(KeyId=key_id)["KeyMetadata"]["KeyState"]


out = {"wrappedBy": WRAPPED_BY}
created = kms.create_key(Origin="EXTERNAL", Description="boto3 import")["KeyMetadata"]
key_id = created["KeyId"]
out["created"] = {name: created.get(name) for name in ("Origin", "KeyState", "Enabled")}
out["encryptBeforeImport"] = error_of(kms.encrypt, KeyId=key_id, Plaintext=b"x")

material = os.urandom(32)
imports = {}
for algorithm in ("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"):
    imported = import_material(key_id, material, algorithm, ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
    imports[algorithm] = imported["KeyMaterialId"]
out["keyMaterialIds"] = imports
out["stateAfterImport"] = state_of(key_id)
blob = kms.encrypt(KeyId=key_id, Plaintext=b"boto3 secret")["CiphertextBlob"]

kms.delete_imported_key_material(KeyId=key_id)
out["stateAfterDelete"] = state_of(key_id)
out["decryptAfterDelete"] = error_of(kms.decrypt, CiphertextBlob=blob)
out["otherMaterial"] = error_of(
    import_material, key_id=key_id, material=os.urandom(32), ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE"
)
# The same material again, expiring in five seconds: the key works, then is PendingImport again.
parameters = kms.get_parameters_for_import(
    KeyId=key_id, WrappingAlgorithm="RSA_AES_KEY_WRAP_SHA_256", WrappingKeySpec="RSA_4096"
)
valid_to = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=5)
kms.import_key_material(
    KeyId=key_id,
    ImportToken=parameters["ImportToken"],
    EncryptedKeyMaterial=wrap(parameters, "RSA_AES_KEY_WRAP_SHA_256", material),
    ExpirationModel="KEY_MATERIAL_EXPIRES",
    ValidTo=valid_to,
    KeyMaterialDescription="boto3",
)
out["decryptAfterReimport"] = kms.decrypt(CiphertextBlob=blob)["Plaintext"].decode()
described = kms.describe_key(KeyId=key_id)["KeyMetadata"]
out["describedAfterReimport"] = {
    "KeyState": described["KeyState"],
    "ExpirationModel": described.get("ExpirationModel"),
    "ValidToSet": "ValidTo" in described,
}
rotation = kms.list_key_rotations(KeyId=key_id, IncludeKeyMaterial="ALL_KEY_MATERIAL")["Rotations"][0]
out["rotation"] = {name: rotation.get(name) for name in ("KeyMaterialId", "ImportState", "KeyMaterialDescription", "ExpirationModel")}
time.sleep(max(0.0, (valid_to - datetime.datetime.now(datetime.timezone.utc)).total_seconds()) + 1.0)
out["stateAfterValidTo"] = state_of(key_id)
out["missingValidTo"] = error_of(import_material, key_id=key_id, material=material)

aws_key = kms.create_key()["KeyMetadata"]
out["awsKmsKeyArn"] = aws_key["Arn"]
out["notExternal"] = error_of(
    kms.get_parameters_for_import, KeyId=aws_key["KeyId"], WrappingAlgorithm="RSAES_OAEP_SHA_256", WrappingKeySpec="RSA_2048"
)
other_key = kms.create_key(Origin="EXTERNAL")["KeyMetadata"]["KeyId"]
parameters = kms.get_parameters_for_import(KeyId=key_id, WrappingAlgorithm="RSAES_OAEP_SHA_256", WrappingKeySpec="RSA_2048")
out["otherKeysToken"] = error_of(
    kms.import_key_material,
    KeyId=other_key,
    ImportToken=parameters["ImportToken"],
    EncryptedKeyMaterial=wrap(parameters, "RSAES_OAEP_SHA_256", material),
    ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE",
)
# An HMAC key with imported material: Python's hmac computes the same MAC.
hmac_key = kms.create_key(Origin="EXTERNAL", KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]["KeyId"]
hmac_material = os.urandom(32)
import_material(hmac_key, hmac_material, "RSA_AES_KEY_WRAP_SHA_1", ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
mac = kms.generate_mac(KeyId=hmac_key, Message=b"boto3", MacAlgorithm="HMAC_SHA_256")["Mac"]
out["hmacMatches"] = hmac.compare_digest(mac, hmac.new(hmac_material, b"boto3", hashlib.sha256).digest())
out["hmacOtherMaterial"] = error_of(
    import_material, key_id=hmac_key, material=os.urandom(32), ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE"
)
# An ECC_NIST_P256 signing key made by openssl: KMS signs with it, and its public key is openssl's.
ec_key = kms.create_key(Origin="EXTERNAL", KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
# (genpkey's DER is SEC 1's ECPrivateKey in OpenSSL 3.0; pkcs8 -topk8 makes it PKCS #8.)
ec_pem = subprocess.run(
    ["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], capture_output=True, check=True
).stdout
ec_pkcs8 = subprocess.run(
    ["openssl", "pkcs8", "-topk8", "-nocrypt", "-outform", "DER"], input=ec_pem, capture_output=True, check=True
).stdout
ec_spki = subprocess.run(
    ["openssl", "pkey", "-inform", "DER", "-pubout", "-outform", "DER"], input=ec_pkcs8, capture_output=True, check=True
).stdout
import_material(ec_key, ec_pkcs8, "RSA_AES_KEY_WRAP_SHA_256", ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
out["ecPublicKeyMatches"] = kms.get_public_key(KeyId=ec_key)["PublicKey"] == ec_spki
signature = kms.sign(KeyId=ec_key, Message=b"boto3", MessageType="RAW", SigningAlgorithm="ECDSA_SHA_256")["Signature"]
with tempfile.TemporaryDirectory() as work:
    for name, data in (("key.der", ec_spki), ("message", b"boto3"), ("signature", signature)):
        with open(os.path.join(work, name), "wb") as file:
            file.write(data)
    verified = subprocess.run(
        ["openssl", "dgst", "-sha256", "-verify", os.path.join(work, "key.der"), "-keyform", "DER",
         "-signature", os.path.join(work, "signature"), os.path.join(work, "message")],
        capture_output=True,
    )
out["ecSignatureVerifiedByOpenssl"] = verified.returncode == 0
out["keyId"] = key_id
out["blob"] = base64.b64encode(blob).decode()
print(json.dumps(out))
