/**
 * WebCrypto's types as the program that uses @kms-lab/core declares them: the DOM lib's
 * `Crypto` in a browser project, `webcrypto.Crypto` of @types/node in a Node project compiled
 * without the DOM lib. Both declare the global `crypto`, so its type is looked up there.
 *
 * Why: declarations that name the DOM's globals (`CryptoKey`, `SubtleCrypto`, `Crypto`) do not
 * compile where the DOM lib is absent ("Cannot find name 'CryptoKey'"). Every public type of
 * the engine names these aliases instead. Where the DOM lib is present (the engine's own
 * build, browser projects) they are the DOM's types exactly, so nothing is weakened.
 */
type GlobalCrypto = typeof globalThis extends { crypto: infer C } ? C : never;

/** The WebCrypto object, as `globalThis.crypto` is typed. */
export type WebCrypto = GlobalCrypto;

/** `crypto.subtle`'s type. */
export type WebSubtleCrypto = WebCrypto['subtle'];

/** A WebCrypto key (the DOM's `CryptoKey`, or `webcrypto.CryptoKey` in Node's types). */
export type WebCryptoKey = Awaited<ReturnType<WebSubtleCrypto['importKey']>>;

/**
 * The algorithm `subtle.importKey` takes for raw, SPKI and PKCS #8 key data, as an object
 * (never a bare name): the engine reads its `name`.
 */
export type WebCryptoImportAlgorithm = Exclude<Parameters<WebSubtleCrypto['importKey']>[2], string>;

/** The key usages `subtle.importKey` takes (`'sign'`, `'decrypt'`, ...). */
export type WebCryptoKeyUsages = Parameters<WebSubtleCrypto['importKey']>[4];
