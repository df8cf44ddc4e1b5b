/**
 * `kms-lab attestation`: writes an AWS Nitro Enclaves attestation document for a public key,
 * signed under KMS Lab's development attestation root (a public test CA, trusted by
 * `kms-lab serve` unless --attestation-roots says otherwise), for testing Recipient without
 * an enclave.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fromPem } from '@kms-lab/core';
import { createAttestationDocument } from '@kms-lab/core/attestation';

export const ATTESTATION_USAGE = `Usage: kms-lab attestation --public-key FILE --out FILE [options]

Writes an attestation document (COSE_Sign1, as an AWS Nitro enclave makes) for an RSA public
key, signed by a fresh leaf certificate under KMS Lab's development attestation root. That
root is a PUBLIC TEST CA: trust it only in tests (kms-lab serve trusts it by default).

Options:
  --public-key FILE      the enclave's RSA public key: DER SubjectPublicKeyInfo or PEM
  --out FILE             where to write the document (binary CBOR)
  --pcr N=HEX            PCR N (0 to 31) as 96 hex digits (SHA-384); repeatable
                         (default PCR0, PCR1, PCR2 all zero, as a debug enclave)
  --user-data HEX        user_data (at most 512 bytes)
  --nonce HEX            nonce (at most 512 bytes)
  --help                 show this help
`;

export class AttestationUsageError extends Error {}

function hexBytes(value: string, what: string, maxBytes: number): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(value))
    throw new AttestationUsageError(`${what} must be hex digits, two per byte; got '${value}'.`);
  const bytes = Uint8Array.from(value.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  if (bytes.length > maxBytes)
    throw new AttestationUsageError(`${what} is ${bytes.length} bytes; at most ${maxBytes}.`);
  return bytes;
}

function parsePcrs(values: string[] | undefined): Map<number, Uint8Array> | undefined {
  if (!values) return undefined;
  const pcrs = new Map<number, Uint8Array>();
  for (const value of values) {
    const match = /^(\d{1,2})=(.*)$/.exec(value);
    const index = Number(match?.[1]);
    if (!match || index > 31)
      throw new AttestationUsageError(`--pcr must be N=HEX with N from 0 to 31; got '${value}'.`);
    const bytes = hexBytes(match[2] as string, `--pcr ${index}`, 64);
    if (![32, 48, 64].includes(bytes.length))
      throw new AttestationUsageError(
        `--pcr ${index} must be 32, 48 or 64 bytes (SHA-384 is 48); got ${bytes.length}.`,
      );
    pcrs.set(index, bytes);
  }
  return pcrs;
}

async function readPublicKey(file: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(file));
  const text = new TextDecoder().decode(bytes);
  if (!text.trimStart().startsWith('-----BEGIN')) return bytes;
  try {
    return fromPem(text, 'PUBLIC KEY').der;
  } catch (error) {
    throw new AttestationUsageError(`--public-key ${file}: ${(error as Error).message}.`);
  }
}

/** Runs `kms-lab attestation`; resolves with the exit status. */
export async function attestationCommand(args: string[]): Promise<number> {
  try {
    let parsed: ReturnType<typeof parse>;
    const parse = () =>
      parseArgs({
        args,
        strict: true,
        options: {
          'public-key': { type: 'string' },
          out: { type: 'string' },
          pcr: { type: 'string', multiple: true },
          'user-data': { type: 'string' },
          nonce: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    try {
      parsed = parse();
    } catch (error) {
      throw new AttestationUsageError((error as Error).message);
    }
    const { values } = parsed;
    if (values.help) {
      process.stdout.write(ATTESTATION_USAGE);
      return 0;
    }
    if (!values['public-key']) throw new AttestationUsageError('--public-key FILE is required.');
    if (!values.out) throw new AttestationUsageError('--out FILE is required.');
    const pcrs = parsePcrs(values.pcr);
    const userData = values['user-data'] && hexBytes(values['user-data'], '--user-data', 512);
    const nonce = values.nonce && hexBytes(values.nonce, '--nonce', 512);
    let publicKey: Uint8Array;
    try {
      publicKey = await readPublicKey(values['public-key']);
    } catch (error) {
      if (error instanceof AttestationUsageError) throw error;
      throw new AttestationUsageError(
        `cannot read --public-key ${values['public-key']}: ${(error as Error).message}`,
      );
    }
    const document = await createAttestationDocument({
      publicKey,
      pcrs,
      userData: userData || undefined,
      nonce: nonce || undefined,
    });
    await writeFile(values.out, document);
    process.stdout.write(
      `Wrote an attestation document (${document.length} bytes) to ${values.out}, signed under KMS Lab's development attestation root (a public test CA).\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof AttestationUsageError)) throw error;
    process.stderr.write(`kms-lab attestation: ${error.message}\n\n${ATTESTATION_USAGE}`);
    return 2;
  }
}
