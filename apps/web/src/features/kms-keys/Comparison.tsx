/** Data key pair or asymmetric KMS key: the choice in plain words, side by side. */
export function Comparison() {
  return (
    <section className="card comparison" aria-labelledby="comparison-heading">
      <h3 id="comparison-heading">Data key pair or asymmetric KMS key?</h3>
      <div className="compare">
        <section aria-labelledby="compare-pair-heading">
          <h4 id="compare-pair-heading">Data key pair</h4>
          <p>
            <strong>What:</strong> a key pair KMS makes and hands to you (GenerateDataKeyPair), its
            private key encrypted under a symmetric KMS key.
          </p>
          <p>
            <strong>Private key:</strong> with you, or with whoever decrypts the blob. You sign and
            decrypt in your own code, with no call to KMS.
          </p>
          <p>
            <strong>Choose it</strong> for many signatures or decryptions, offline, at full speed,
            or when another party must hold the key.
          </p>
        </section>
        <section aria-labelledby="compare-kms-heading">
          <h4 id="compare-kms-heading">Asymmetric KMS key</h4>
          <p>
            <strong>What:</strong> a KMS key whose key pair KMS makes and keeps (CreateKey with an
            RSA, ECC, SM2, ML-DSA or ML-KEM KeySpec). Only the public key comes out (GetPublicKey).
          </p>
          <p>
            <strong>Private key:</strong> never outside KMS. Every Sign, Decrypt, DeriveSharedSecret
            or Decapsulate is a request to KMS, and AWS records each one.
          </p>
          <p>
            <strong>Choose it</strong> when every use must be an audited call and the private key
            must never exist anywhere else.
          </p>
        </section>
      </div>
      <p className="muted">
        HMAC KMS keys are like asymmetric ones: the key stays in KMS, and GenerateMac and VerifyMac
        are calls to KMS.
      </p>
    </section>
  );
}
