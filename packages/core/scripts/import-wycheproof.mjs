#!/usr/bin/env node
// Writes test/vectors/ml-kem-kat.json and test/vectors/ml-dsa-kat.json: a deterministic
// selection of C2SP Project Wycheproof's ML-KEM and ML-DSA vectors (Apache License 2.0), whose
// key generation and valid-decapsulation cases are FIPS 203's and FIPS 204's known answers
// (their `source` says "FIPS 203", "FIPS 204", or names the group that made edge cases).
//
//   node scripts/import-wycheproof.mjs <folder of mlkem_*_test.json(.gz), mldsa_*_test.json(.gz)>
//
// The files come from https://github.com/C2SP/wycheproof (testvectors_v1) or any copy of
// them, e.g. @noble/post-quantum's test/vectors/wycheproof. The whole set is several megabytes;
// the selection keeps every kind of case (each distinct flag set and outcome) and a few of
// each, so the data files stay small. Values the tests only compare, never feed in, are kept
// as SHA-256 digests.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node scripts/import-wycheproof.mjs <folder>');
  process.exit(2);
}
const out = new URL('../test/vectors/', import.meta.url);

function load(name) {
  const plain = join(folder, `${name}.json`);
  if (existsSync(plain)) return JSON.parse(readFileSync(plain, 'utf8'));
  return JSON.parse(gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8'));
}

const sha256 = (hex) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');

/** A test's kind: its outcome and flags and, for ML-KEM (whose tests have no flags), its
 * comment without the case number ("... seeds 17"). */
const kindOf = (t) =>
  t.flags?.length
    ? `${t.result}|${t.flags.join(',')}`
    : `${t.result}|${(t.comment ?? '').replace(/\s*\d+$/, '')}`;

/** Up to `perKind` tests of each kind, in file order. */
function pick(tests, perKind) {
  const counts = new Map();
  return tests.filter((test) => {
    const kind = kindOf(test);
    const seen = counts.get(kind) ?? 0;
    counts.set(kind, seen + 1);
    return seen < perKind;
  });
}

const source = (group) => (typeof group.source === 'object' ? group.source.name : undefined);

const mlKem = {};
for (const level of [512, 768, 1024]) {
  const keyGeneration = load(`mlkem_${level}_keygen_seed_test`).testGroups.flatMap((group) =>
    group.tests.slice(0, 8).map((t) => ({
      tcId: Number(t.tcId),
      source: source(group),
      seed: t.seed,
      ekSha256: sha256(t.ek),
      dkSha256: sha256(t.dk),
    })),
  );
  const decapsulation = load(`mlkem_${level}_test`).testGroups.flatMap((group) =>
    // Cases without an ek give an expanded decapsulation key only; KMS keys and data key pairs
    // are seeds, so those are not ours to run.
    pick(
      group.tests.filter((t) => t.seed && t.ek),
      2,
    ).map((t) => ({
      tcId: Number(t.tcId),
      source: source(group),
      comment: t.comment || undefined,
      seed: t.seed,
      ekSha256: sha256(t.ek),
      c: t.c,
      K: t.K || undefined,
      result: t.result,
    })),
  );
  const encapsulation = load(`mlkem_${level}_encaps_test`).testGroups.flatMap((group) =>
    pick(group.tests, 1).map((t) => ({
      tcId: Number(t.tcId),
      source: source(group),
      comment: t.comment || undefined,
      m: t.m,
      ek: t.ek,
      cSha256: t.c ? sha256(t.c) : undefined,
      K: t.K || undefined,
      result: t.result,
    })),
  );
  mlKem[`ML_KEM_${level}`] = { keyGeneration, decapsulation, encapsulation };
}

const mlDsa = {};
for (const level of [44, 65, 87]) {
  // Signing groups: a seed, its seed-form PKCS #8 and public key, and deterministic (rnd = 0)
  // signatures with their mu. KMS signs hedged, so the signatures are verified, not remade.
  const signing = load(`mldsa_${level}_sign_seed_test`)
    .testGroups.slice(0, 2)
    .map((group) => ({
      source: source(group),
      seed: group.privateSeed,
      privateKeyPkcs8: group.privateKeyPkcs8,
      publicKeySha256: sha256(group.publicKey),
      tests: pick(
        group.tests.filter((t) => t.result === 'valid' && !t.ctx && t.sig),
        2,
      ).map((t) => ({ tcId: Number(t.tcId), msg: t.msg, mu: t.mu, sig: t.sig })),
    }));
  // Verification groups: a public key and signatures, valid and not. Cases with a context
  // string are left out: AWS's ML-DSA signs with the empty context.
  const verification = load(`mldsa_${level}_verify_test`).testGroups.flatMap((group) => {
    const tests = pick(
      group.tests.filter((t) => !t.ctx),
      1,
    ).map((t) => ({
      tcId: Number(t.tcId),
      comment: t.comment || undefined,
      flags: t.flags,
      msg: t.msg,
      sig: t.sig,
      result: t.result,
    }));
    return tests.length === 0 ? [] : [{ publicKeyDer: group.publicKeyDer, tests }];
  });
  // Per group one case of each kind is plenty; across groups, keep the first few of each kind.
  const kinds = new Map();
  const kept = verification
    .map((group) => ({
      ...group,
      tests: group.tests.filter((t) => {
        const kind = kindOf(t);
        const seen = kinds.get(kind) ?? 0;
        kinds.set(kind, seen + 1);
        return seen < 1;
      }),
    }))
    .filter((group) => group.tests.length > 0);
  mlDsa[`ML_DSA_${level}`] = { signing, verification: kept };
}

const header = {
  about:
    'A selection of C2SP Project Wycheproof vectors (https://github.com/C2SP/wycheproof, Apache License 2.0), written by packages/core/scripts/import-wycheproof.mjs. Digest fields are SHA-256 of the value Wycheproof gives.',
};
writeFileSync(
  new URL('ml-kem-kat.json', out),
  `${JSON.stringify({ ...header, specs: mlKem }, null, 1)}\n`,
);
writeFileSync(
  new URL('ml-dsa-kat.json', out),
  `${JSON.stringify({ ...header, specs: mlDsa }, null, 1)}\n`,
);
console.log('wrote test/vectors/ml-kem-kat.json and test/vectors/ml-dsa-kat.json');
