/**
 * KMS Lab's development attestation root: a PUBLIC TEST CA. Its private key is here, in the
 * package, on purpose: anyone can sign attestation documents that a KMS trusting this root
 * accepts. It exists so that tests and demos can make documents (`kms-lab attestation`,
 * `createAttestationDocument`) without a Nitro enclave. Never trust it where real secrets
 * are at stake: pass `createKms({ attestation: { roots: [AWS_NITRO_ENCLAVES_ROOT_PEM] } })`
 * (or `kms-lab serve --attestation-roots FILE`) there.
 *
 * ECDSA P-384, valid 2026-01-01 to 2046-01-01. Written by scripts/make-dev-attestation-root.mjs.
 */
export const DEV_ATTESTATION_ROOT_PEM = `-----BEGIN CERTIFICATE-----
MIIB7jCCAXSgAwIBAgIBATAKBggqhkjOPQQDAzBAMT4wPAYDVQQDDDVLTVMgTGFi
IGRldmVsb3BtZW50IGF0dGVzdGF0aW9uIHJvb3QgKFBVQkxJQyBURVNUIENBKTAe
Fw0yNjAxMDEwMDAwMDBaFw00NjAxMDEwMDAwMDBaMEAxPjA8BgNVBAMMNUtNUyBM
YWIgZGV2ZWxvcG1lbnQgYXR0ZXN0YXRpb24gcm9vdCAoUFVCTElDIFRFU1QgQ0Ep
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEGvdPH/j5WuWQL0rT9xkn6tTvYg75cbVW
QAXiNuSDjIL+VTcB94c3mVteC8Hd2+ZmV8dDruu2MhcG2CoFLZwVVEL6l+r3/lLm
0yGyyKmhuJP8kIaYnpNMp8Gu1G+YKIZSo0IwQDAPBgNVHRMBAf8EBTADAQH/MA4G
A1UdDwEB/wQEAwIBBjAdBgNVHQ4EFgQUTCFDZCSSV0nB1ol38heRsvfJBQYwCgYI
KoZIzj0EAwMDaAAwZQIxAMGmpJDuH9Q1NPlIQPt4jlB148mxbx2ywrAmswR9vft7
iDyhYRhdl23zMruglazbOwIwccl3tNbWNDgBjaFWkC6Bact3H5M6lHJQDr8sLXiR
SkmDevplxN9k6Xk1u6563HUw
-----END CERTIFICATE-----
`;

/** The development root's private key (PKCS #8): public, for testing only. */
export const DEV_ATTESTATION_ROOT_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDAVoT2Wk6R+mE0CbV0Z
16j854/6NPS+6Ajw8KpRLkTIS9wU3/+Qm5o4ejORxklJm6uhZANiAAQa908f+Pla
5ZAvStP3GSfq1O9iDvlxtVZABeI25IOMgv5VNwH3hzeZW14Lwd3b5mZXx0Ou67Yy
FwbYKgUtnBVUQvqX6vf+UubTIbLIqaG4k/yQhpiek0ynwa7Ub5gohlI=
-----END PRIVATE KEY-----
`;
