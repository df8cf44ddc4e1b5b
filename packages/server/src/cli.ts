import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readCertificateBundle } from '@kms-lab/core';
import { attestationCommand } from './attestation-command.js';
import { CredentialsFileError, loadCredentials } from './credentials.js';
import { KeyStoreFileError } from './file-store.js';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REGION,
  type RunningServer,
  startServer,
} from './server.js';

export const DEFAULT_DATA_FILE = '.kms-lab/kms-lab.json';

export const USAGE = `Usage: kms-lab serve [options]
       kms-lab attestation --public-key FILE --out FILE [options]   (see kms-lab attestation --help)

Runs a local AWS KMS endpoint (AWS JSON 1.1 at POST /, Alibaba Cloud KMS Advance
operations at POST /alibaba/<ApiName>, GET /health).

Options:
  --host HOST            address to listen on (default ${DEFAULT_HOST})
  --port PORT            port to listen on, 0 for any free one (default ${DEFAULT_PORT})
  --data FILE            key store file, created if missing (default ${DEFAULT_DATA_FILE})
  --memory               keep keys in memory only; nothing is written
  --region REGION        AWS Region in ARNs and in SigV4 scopes (default ${DEFAULT_REGION})
  --account-id ID        12-digit AWS account ID in ARNs (default 111122223333)
  --credentials FILE     JSON object {"<accessKeyId>": "<secretAccessKey>"}, or
                         {"<accessKeyId>": {"secretAccessKey": "...", "principal": "<IAM ARN>"}}:
                         verify the SigV4 signature of every request (default: accept any)
  --enforce-policies     refuse (AccessDeniedException) what key policies and grants do not
                         allow the request's principal (default: stored, not enforced)
  --attestation-roots FILE
                         PEM bundle of the roots a Recipient's attestation document must
                         chain to (default: the AWS Nitro Enclaves root and KMS Lab's
                         development root, a public test CA)
  --help                 show this help
`;

/** Bad command-line input: the CLI prints the message and exits with status 2. */
class UsageError extends Error {}

interface ServeOptions {
  host: string;
  port: number;
  dataFile: string | undefined;
  region: string;
  accountId: string | undefined;
  credentialsFile: string | undefined;
  enforcePolicies: boolean;
  attestationRootsFile: string | undefined;
}

function parseServeOptions(args: string[]): ServeOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        memory: { type: 'boolean' },
        region: { type: 'string' },
        'account-id': { type: 'string' },
        credentials: { type: 'string' },
        'enforce-policies': { type: 'boolean' },
        'attestation-roots': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  try {
    parsed = parse();
  } catch (error) {
    // parseArgs says which option was unknown or lacked its value.
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError('No command given: use `kms-lab serve`.');
  if (command !== 'serve')
    throw new UsageError(`Unknown command '${command}': use \`kms-lab serve\`.`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument '${extra[0]}'.`);
  if (values.memory && values.data !== undefined)
    throw new UsageError('--data and --memory exclude each other: give one.');
  const port = values.port ?? String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535; got '${port}'.`);
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('--host must not be empty.');
  const region = values.region ?? DEFAULT_REGION;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    throw new UsageError(`--region must look like an AWS Region, e.g. eu-west-1; got '${region}'.`);
  const accountId = values['account-id'];
  if (accountId !== undefined && !/^\d{12}$/.test(accountId))
    throw new UsageError(`--account-id must be 12 digits; got '${accountId}'.`);
  if (values.data === '') throw new UsageError('--data needs a file name.');
  return {
    host,
    port: Number(port),
    dataFile: values.memory ? undefined : (values.data ?? DEFAULT_DATA_FILE),
    region,
    accountId,
    credentialsFile: values.credentials,
    enforcePolicies: values['enforce-policies'] ?? false,
    attestationRootsFile: values['attestation-roots'],
  };
}

function banner(server: RunningServer, signed: boolean, enforced: boolean): string {
  const store = server.dataFile ? `key store file ${server.dataFile}` : 'keys in memory only';
  const credentials = signed
    ? '# use an access key ID and secret from the --credentials file'
    : '# any values work: signatures are not checked';
  return `KMS Lab is serving AWS KMS at ${server.url} (${server.region}, ${store})

Point the AWS CLI or an SDK at it:
  export AWS_ACCESS_KEY_ID=kmslab AWS_SECRET_ACCESS_KEY=kmslab
  ${credentials}
  export AWS_REGION=${server.region} AWS_DEFAULT_REGION=${server.region}  # SDKs; AWS CLI v1
  aws --endpoint-url ${server.url} kms create-key
  aws --endpoint-url ${server.url} kms generate-data-key-pair --key-id <KeyId> --key-pair-spec ECC_NIST_P256

Key policies and grants: ${enforced ? 'enforced (AccessDeniedException for what they do not allow)' : 'stored and returned, not enforced (--enforce-policies to enforce them)'}.
Health: GET ${server.url}/health. Stop with Ctrl+C.
`;
}

/** Runs the CLI; resolves with the process exit status once the server has stopped. */
export async function main(args: string[]): Promise<number> {
  if (args[0] === 'attestation') return attestationCommand(args.slice(1));
  let options: ServeOptions | 'help';
  try {
    options = parseServeOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kms-lab: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let server: RunningServer;
  try {
    const credentials = options.credentialsFile && (await loadCredentials(options.credentialsFile));
    const attestationRoots =
      options.attestationRootsFile && (await loadAttestationRoots(options.attestationRootsFile));
    server = await startServer({
      host: options.host,
      port: options.port,
      dataFile: options.dataFile,
      memory: options.dataFile === undefined,
      region: options.region,
      accountId: options.accountId,
      credentials: credentials || undefined,
      enforcePolicies: options.enforcePolicies,
      attestationRoots: attestationRoots || undefined,
    });
    process.stdout.write(banner(server, Boolean(credentials), options.enforcePolicies));
  } catch (error) {
    process.stderr.write(`kms-lab: ${startFailure(error, options)}\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stderr.write(`kms-lab: ${signal}: finishing requests in flight, then stopping.\n`);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  process.stderr.write('kms-lab: stopped.\n');
  return 0;
}

/** The --attestation-roots bundle, read and checked before the server starts. */
class AttestationRootsFileError extends Error {}

async function loadAttestationRoots(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AttestationRootsFileError(
      `cannot read --attestation-roots ${file}: ${(error as Error).message}`,
    );
  }
  try {
    readCertificateBundle(text);
  } catch (error) {
    throw new AttestationRootsFileError(`--attestation-roots ${file}: ${(error as Error).message}`);
  }
  return text;
}

function startFailure(error: unknown, options: ServeOptions): string {
  if (
    error instanceof KeyStoreFileError ||
    error instanceof CredentialsFileError ||
    error instanceof AttestationRootsFileError
  )
    return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return `${options.host}:${options.port} is already in use; choose another --port.`;
  if (code === 'EACCES' || code === 'EPERM')
    return `permission denied (${(error as Error).message}).`;
  return `could not start: ${error instanceof Error ? error.message : String(error)}`;
}
