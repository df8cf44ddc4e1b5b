#!/usr/bin/env node
// Benchmark of Sign and Verify with asymmetric KMS keys in process, next to node:crypto:
// prints figures, asserts nothing. Run with `pnpm bench` at the repo root (after
// `pnpm build`), or `node packages/core/bench/sign-verify.mjs`.
//
// What each side does, per operation, on a 1 KiB message with MessageType RAW:
// - engine: one `kms.sign({ KeyId, Message, SigningAlgorithm })` or `kms.verify(...)` call on a
//   default `createKms()` (memory store), as a caller makes it: input validation, key lookup
//   and checks, the private key's CryptoKey (imported once and cached) or its unwrapping, the
//   signature itself, DER conversion, and the response with its metadata.
// - node:crypto: `crypto.sign(hash, message, { key, ...options }, callback)`, or
//   `crypto.verify(...)`, with a KeyObject created once. The callback form runs on libuv's
//   threadpool, as WebCrypto does. Sign uses node's own key of the same spec; Verify uses the
//   KMS key's public key (from GetPublicKey) and the engine's signature, so it does the same
//   work. The synchronous form, one caller, is printed too, for information.
// - WebCrypto alone: the same `crypto.subtle.sign` or `verify` call the engine makes, with a
//   CryptoKey imported once, to show what WebCrypto itself costs next to node:crypto.
// secp256k1 and SM2 are JavaScript in the engine (@noble/curves, curves/sm2.ts), on the main
// thread; their rows name their baseline: node:crypto where it signs the same way, else the
// library the engine calls, with the same options.
// Every side runs with one caller per core, after a warm-up, in 5 rounds that take the sides
// in turn, so that other load on the machine touches them alike. ops/s and latencies cover
// all rounds; `overhead` is engine time per operation over baseline time per operation
// (baseline ops/s over engine ops/s), the median of the 5 rounds' ratios.
// BENCH_SIGN_SECONDS (default 0.6) sets the measured time per side and row.
import {
  constants,
  createHash,
  createPublicKey,
  generateKeyPair,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { promisify } from 'node:util';
import { createKms, ecdsaSignatureFromDer, parseSubjectPublicKeyInfo, sm2 } from '@kms-lab/core';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { machine, measure, percentile, table } from './measure.mjs';

const seconds = Number(process.env.BENCH_SIGN_SECONDS ?? 0.6);
const ROUNDS = 5;
const WARM_UP_SECONDS = 0.15;
const cores = availableParallelism();
const message = crypto.getRandomValues(new Uint8Array(1024));
const random = (length) => crypto.getRandomValues(new Uint8Array(length));
const signAsync = promisify(nodeSign);
const verifyAsync = promisify(nodeVerify);
const generate = promisify(generateKeyPair);

/** node:crypto keys of each spec; SM2's is for the line under the tables only. */
const NODE_KEYS = {
  RSA_2048: ['rsa', { modulusLength: 2048 }],
  RSA_3072: ['rsa', { modulusLength: 3072 }],
  RSA_4096: ['rsa', { modulusLength: 4096 }],
  ECC_NIST_P256: ['ec', { namedCurve: 'P-256' }],
  ECC_NIST_P384: ['ec', { namedCurve: 'P-384' }],
  ECC_NIST_P521: ['ec', { namedCurve: 'P-521' }],
  ECC_SECG_P256K1: ['ec', { namedCurve: 'secp256k1' }],
  ECC_NIST_EDWARDS25519: ['ed25519', {}],
  SM2: ['ec', { namedCurve: 'SM2' }],
};
/** The same algorithm in node:crypto: hash and options (AWS salts PSS with the digest length). */
const pss = (hash, saltLength) => [hash, { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }];
const NODE_ALGORITHMS = {
  RSASSA_PSS_SHA_256: pss('sha256', 32),
  RSASSA_PKCS1_V1_5_SHA_256: ['sha256', { padding: constants.RSA_PKCS1_PADDING }],
  ECDSA_SHA_256: ['sha256', { dsaEncoding: 'der' }],
  ECDSA_SHA_384: ['sha384', { dsaEncoding: 'der' }],
  ECDSA_SHA_512: ['sha512', { dsaEncoding: 'der' }],
  ED25519_SHA_512: [null, {}],
};

const NOBLE = '@noble/curves';
const OUR_SM2 = 'curves/sm2.ts (node:crypto has no SM2DSA)';
/** Rows: spec, algorithm, baseline. */
const ROWS = [
  ...['RSA_2048', 'RSA_3072', 'RSA_4096'].flatMap((spec) => [
    [spec, 'RSASSA_PSS_SHA_256', 'node:crypto'],
    [spec, 'RSASSA_PKCS1_V1_5_SHA_256', 'node:crypto'],
  ]),
  ['ECC_NIST_P256', 'ECDSA_SHA_256', 'node:crypto'],
  ['ECC_NIST_P384', 'ECDSA_SHA_384', 'node:crypto'],
  ['ECC_NIST_P521', 'ECDSA_SHA_512', 'node:crypto'],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256', 'node:crypto'],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256', NOBLE],
  ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512', 'node:crypto'],
  ['SM2', 'SM2DSA', OUR_SM2],
];

/** Warms every task up, then runs them in turn, ROUNDS times; merges each task's rounds. */
async function compare(tasks) {
  const names = Object.keys(tasks).filter((name) => tasks[name] !== undefined);
  for (const name of names)
    await measure(tasks[name], { seconds: WARM_UP_SECONDS, concurrency: cores });
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  const each = { seconds: seconds / ROUNDS, concurrency: cores };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) runs[name].push(await measure(tasks[name], each));
  }
  return Object.fromEntries(names.map((name) => [name, merged(runs[name])]));
}

function merged(results) {
  const latencies = results.flatMap((result) => result.latencies);
  const elapsed = results.reduce((sum, result) => sum + result.count / result.opsPerSecond, 0);
  return {
    opsPerSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    rounds: results.map((result) => result.opsPerSecond),
  };
}

/**
 * How many times `a`'s time per operation is `b`'s: the median over the rounds of b's ops/s
 * over a's, each round's pair measured back to back, so that a burst of other load on the
 * machine moves one round rather than the figure.
 */
const overhead = (a, b) =>
  `${percentile(
    a.rounds.map((opsPerSecond, round) => b.rounds[round] / opsPerSecond),
    0.5,
  ).toFixed(2)}x`;

const opsPerSecond = (figure) => figure.toFixed(figure < 100 ? 1 : 0);

const load = () =>
  loadavg()
    .map((figure) => figure.toFixed(2))
    .join(', ');
console.log(
  `# KMS Lab Sign and Verify benchmark\n${machine()}\nLoad average at start: ${load()}\n`,
);

// One KMS key per spec, and node:crypto's keys, made side by side.
const started = performance.now();
const kms = createKms();
const keys = Object.fromEntries(
  await Promise.all(
    Object.keys(NODE_KEYS).map(async (spec) => {
      const [{ KeyMetadata }, nodePair] = await Promise.all([
        kms.createKey({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }),
        generate(...NODE_KEYS[spec]),
      ]);
      const KeyId = KeyMetadata.KeyId;
      const { PublicKey } = await kms.getPublicKey({ KeyId });
      return [
        spec,
        {
          KeyId,
          spki: PublicKey,
          nodePair,
          point: parseSubjectPublicKeyInfo(PublicKey).publicKey,
          publicKey: createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' }),
        },
      ];
    }),
  ),
);
const secp256k1Key = secp256k1.utils.randomSecretKey();
const sm2Key = sm2.randomSecretKey(random);
console.log(`Keys made in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

/** WebCrypto's name for each algorithm, and the parameters of its sign and verify calls. */
const WEBCRYPTO = {
  RSASSA_PSS_SHA_256: [
    { name: 'RSA-PSS', hash: 'SHA-256' },
    { name: 'RSA-PSS', saltLength: 32 },
  ],
  RSASSA_PKCS1_V1_5_SHA_256: [
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    { name: 'RSASSA-PKCS1-v1_5' },
  ],
  ECDSA_SHA_256: [{ name: 'ECDSA' }, { name: 'ECDSA', hash: 'SHA-256' }],
  ECDSA_SHA_384: [{ name: 'ECDSA' }, { name: 'ECDSA', hash: 'SHA-384' }],
  ECDSA_SHA_512: [{ name: 'ECDSA' }, { name: 'ECDSA', hash: 'SHA-512' }],
  ED25519_SHA_512: [{ name: 'Ed25519' }, { name: 'Ed25519' }],
};
const CURVES = { ECC_NIST_P256: 'P-256', ECC_NIST_P384: 'P-384', ECC_NIST_P521: 'P-521' };

/**
 * The same call through `crypto.subtle` alone, with a CryptoKey imported once: Sign with
 * node:crypto's key, Verify with the KMS key's public key and the engine's signature (r || s
 * for ECDSA, which WebCrypto takes). Undefined for curves WebCrypto lacks.
 */
async function webCryptoAlone(spec, SigningAlgorithm, signature) {
  const params = WEBCRYPTO[SigningAlgorithm];
  if (params === undefined || spec === 'ECC_SECG_P256K1') return undefined;
  const [importParams, callParams] = params;
  const algorithm = CURVES[spec] ? { ...importParams, namedCurve: CURVES[spec] } : importParams;
  const { subtle } = crypto;
  if (signature === undefined) {
    const pkcs8 = keys[spec].nodePair.privateKey.export({ type: 'pkcs8', format: 'der' });
    const key = await subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
    return () => subtle.sign(callParams, key, message);
  }
  const key = await subtle.importKey('spki', keys[spec].spki, algorithm, false, ['verify']);
  const bytes = CURVES[spec] ? ecdsaSignatureFromDer(signature, keySize(spec)) : signature;
  return () => subtle.verify(callParams, key, bytes, message);
}
const keySize = (spec) => ({ ECC_NIST_P256: 32, ECC_NIST_P384: 48, ECC_NIST_P521: 66 })[spec];

/** The baseline's task for a row, and node:crypto's synchronous one where there is one. */
function baselines(spec, SigningAlgorithm, baseline, signature) {
  const key = keys[spec];
  if (baseline === NOBLE) {
    const options = { format: 'der', lowS: false };
    return signature === undefined
      ? {
          task: () =>
            secp256k1.sign(message, secp256k1Key, {
              format: 'der',
              lowS: true,
              extraEntropy: random(32),
            }),
        }
      : { task: () => secp256k1.verify(signature, message, key.point, options) };
  }
  if (baseline === OUR_SM2) {
    return signature === undefined
      ? { task: () => sm2.sign(message, sm2Key, { random }) }
      : { task: () => sm2.verify(signature, message, key.point) };
  }
  const [hash, options] = NODE_ALGORITHMS[SigningAlgorithm];
  if (signature === undefined) {
    const privateKey = { key: key.nodePair.privateKey, ...options };
    return {
      task: () => signAsync(hash, message, privateKey),
      sync: () => nodeSign(hash, message, privateKey),
    };
  }
  const publicKey = { key: key.publicKey, ...options };
  return {
    task: () => verifyAsync(hash, message, publicKey, signature),
    sync: () => nodeVerify(hash, message, publicKey, signature),
  };
}

const HEADER = [
  'spec',
  'algorithm',
  'baseline',
  'engine ops/s',
  'p50 ms',
  'p99 ms',
  'baseline ops/s',
  'overhead',
];
const LAYERS_HEADER = [
  'spec',
  'algorithm',
  'WebCrypto alone ops/s',
  'WebCrypto alone / node:crypto',
  'engine / WebCrypto alone',
  'node:crypto sync ops/s (1 caller)',
];

/** Measures one row; adds its line to `rows`, and to `layers` where WebCrypto does the work. */
async function row(spec, SigningAlgorithm, baseline, engine, signature, rows, layers) {
  const { task, sync } = baselines(spec, SigningAlgorithm, baseline, signature);
  const webcrypto =
    baseline === 'node:crypto'
      ? await webCryptoAlone(spec, SigningAlgorithm, signature)
      : undefined;
  const figures = await compare({ baseline: task, engine, webcrypto });
  const base = figures.baseline.opsPerSecond;
  const ours = figures.engine.opsPerSecond;
  rows.push([
    spec,
    SigningAlgorithm,
    baseline,
    opsPerSecond(ours),
    figures.engine.p50.toFixed(3),
    figures.engine.p99.toFixed(3),
    opsPerSecond(base),
    overhead(figures.engine, figures.baseline),
  ]);
  if (figures.webcrypto === undefined) return;
  // The synchronous form, one caller, for information only.
  const syncFigure = (await measure(sync, { seconds: seconds / ROUNDS })).opsPerSecond;
  const alone = figures.webcrypto.opsPerSecond;
  layers.push([
    spec,
    SigningAlgorithm,
    opsPerSecond(alone),
    overhead(figures.webcrypto, figures.baseline),
    overhead(figures.engine, figures.webcrypto),
    opsPerSecond(syncFigure),
  ]);
}

// A first pass over every key, so that the first row does not pay for compiling the paths.
for (const [spec, SigningAlgorithm] of ROWS) {
  const request = { KeyId: keys[spec].KeyId, Message: message, SigningAlgorithm };
  for (let round = 0; round < 20; round++) {
    const { Signature } = await kms.sign(request);
    await kms.verify({ ...request, Signature });
  }
}

const what = `MessageType RAW, ${message.length}-byte message, ${cores} concurrent callers, ~${seconds} s per side and row`;
const signatures = {};
const signRows = [];
const signLayers = [];
for (const [spec, SigningAlgorithm, baseline] of ROWS) {
  const request = { KeyId: keys[spec].KeyId, Message: message, SigningAlgorithm };
  signatures[`${spec} ${SigningAlgorithm}`] ??= (await kms.sign(request)).Signature;
  await row(
    spec,
    SigningAlgorithm,
    baseline,
    () => kms.sign(request),
    undefined,
    signRows,
    signLayers,
  );
}
console.log(`\n## Sign in process, ${what}`);
table(HEADER, signRows);
console.log('\nWhere the time goes: the same Sign through WebCrypto alone, in the same rounds');
table(LAYERS_HEADER, signLayers);

const verifyRows = [];
const verifyLayers = [];
for (const [spec, SigningAlgorithm, baseline] of ROWS) {
  const Signature = signatures[`${spec} ${SigningAlgorithm}`];
  const request = { KeyId: keys[spec].KeyId, Message: message, Signature, SigningAlgorithm };
  await row(
    spec,
    SigningAlgorithm,
    baseline,
    () => kms.verify(request),
    Signature,
    verifyRows,
    verifyLayers,
  );
}
console.log(`\n## Verify in process, ${what}`);
table(HEADER, verifyRows);
console.log('\nWhere the time goes: the same Verify through WebCrypto alone, in the same rounds');
table(LAYERS_HEADER, verifyLayers);

// The engine's own work per call, the cryptography left out: the same calls on a KMS whose
// provider answers subtle.sign and subtle.verify at once with a result made beforehand (all
// else is the real provider). One caller, so that the figure is the work itself.
console.log("\n## The engine's own work per call, WebCrypto's sign and verify left out (1 caller)");
const ownWork = [];
for (const [spec, SigningAlgorithm] of [
  ['RSA_2048', 'RSASSA_PSS_SHA_256'],
  ['ECC_NIST_P256', 'ECDSA_SHA_256'],
  ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512'],
]) {
  const canned = {};
  const { subtle } = crypto;
  const provider = {
    getRandomValues: (array) => crypto.getRandomValues(array),
    subtle: new Proxy(subtle, {
      get: (target, name) =>
        canned[name] ??
        (typeof target[name] === 'function' ? target[name].bind(target) : target[name]),
    }),
  };
  const fast = createKms({ crypto: provider });
  const KeyId = (await fast.createKey({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' })).KeyMetadata
    .KeyId;
  const request = { KeyId, Message: message, SigningAlgorithm };
  const { Signature } = await fast.sign(request);
  // WebCrypto's own forms of the result: r || s for ECDSA.
  const result = CURVES[spec] ? ecdsaSignatureFromDer(Signature, keySize(spec)) : Signature.slice();
  canned.sign = async () => result.buffer;
  canned.verify = async () => true;
  const options = { seconds: seconds / 2 };
  const signing = await measure(() => fast.sign(request), options);
  const verifying = await measure(() => fast.verify({ ...request, Signature }), options);
  ownWork.push([spec, (1000 * signing.p50).toFixed(1), (1000 * verifying.p50).toFixed(1)]);
}
table(['spec', 'Sign µs (p50)', 'Verify µs (p50)'], ownWork);

// MessageType DIGEST, for information (the targets are about RAW): WebCrypto signs only what
// it hashes itself, so a digest is signed by BigInt RSA (kms-keys/rsa-primitive.ts) or
// @noble/curves, next to node:crypto signing the whole message (the Sign table's figure).
const DIGEST_ROWS = [
  ['RSA_2048', 'RSASSA_PSS_SHA_256', 'sha256'],
  ['RSA_3072', 'RSASSA_PSS_SHA_256', 'sha256'],
  ['RSA_4096', 'RSASSA_PSS_SHA_256', 'sha256'],
  ['ECC_NIST_P256', 'ECDSA_SHA_256', 'sha256'],
  ['ECC_NIST_P384', 'ECDSA_SHA_384', 'sha384'],
  ['ECC_NIST_P521', 'ECDSA_SHA_512', 'sha512'],
];
const digestRows = [];
for (const [spec, SigningAlgorithm, hash] of DIGEST_ROWS) {
  const Message = new Uint8Array(createHash(hash).update(message).digest());
  const request = { KeyId: keys[spec].KeyId, Message, MessageType: 'DIGEST', SigningAlgorithm };
  const engine = await measure(() => kms.sign(request), {
    seconds: seconds / 2,
    concurrency: cores,
  });
  const raw = signRows.find((line) => line[0] === spec && line[1] === SigningAlgorithm);
  digestRows.push([
    spec,
    SigningAlgorithm,
    opsPerSecond(engine.opsPerSecond),
    engine.p50.toFixed(3),
    raw[6],
    `${(Number(raw[6]) / engine.opsPerSecond).toFixed(2)}x`,
  ]);
}
console.log(`\n## Sign with MessageType DIGEST, for information`);
table(
  ['spec', 'algorithm', 'engine DIGEST ops/s', 'p50 ms', 'node:crypto RAW ops/s', 'vs RAW'],
  digestRows,
);

// node:crypto has no SM2 signature scheme: with an SM2 key, `crypto.sign('sm3', ...)` makes
// plain ECDSA on the SM2 curve over SM3(message), with no Z_A (an ECDSA-with-SM3 check accepts
// it, SM2DSA with the default or an empty ID does not); Node 20 has no option for SM2DSA.
// So it is no baseline; its figures are printed for information: the same curve and scalar
// multiplications.
const sm2Node = keys.SM2.nodePair;
const sm2Signature = nodeSign('sm3', message, sm2Node.privateKey);
const each = { seconds: seconds / ROUNDS, concurrency: cores };
const sm2Sign = await measure(() => signAsync('sm3', message, sm2Node.privateKey), each);
const sm2Verify = await measure(
  () => verifyAsync('sm3', message, sm2Node.publicKey, sm2Signature),
  each,
);
console.log(
  `\nnode:crypto with an SM2 key (plain ECDSA over SM3, not SM2DSA; information only): sign ${opsPerSecond(sm2Sign.opsPerSecond)} ops/s, verify ${opsPerSecond(sm2Verify.opsPerSecond)} ops/s`,
);
console.log(
  `\nSign and Verify took ${((performance.now() - started) / 1000).toFixed(0)} s in all; load average at the end: ${load()}.`,
);
