import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isKmsError, readCertificateBundle, SeedError } from '@kms-lab/core';
import { attestationCommand } from './attestation-command.js';
import {
  DEFAULT_DATA_FILE,
  MEMORY_DATA,
  resolveServeConfig,
  type ServeConfig,
  UsageError,
} from './config.js';
import { CredentialsFileError, loadCredentials } from './credentials.js';
import { KeyStoreFileError } from './file-store.js';
import { describeSeedResult, loadSeedFile, SeedFileError } from './seed.js';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REGION,
  type RunningServer,
  startServer,
} from './server.js';

export { DEFAULT_DATA_FILE } from './config.js';

export const USAGE = `Usage: kms-lab serve [options]
       kms-lab attestation --public-key FILE --out FILE [options]   (see kms-lab attestation --help)
       kms-lab --version

Runs a local AWS KMS endpoint (AWS JSON 1.1 at POST /, Alibaba Cloud KMS Advance
operations at POST /alibaba/<ApiName>, GET /health).

Options (each also read from the environment variable in brackets; a flag wins):
  --host HOST            address to listen on (default ${DEFAULT_HOST}) [KMS_LAB_HOST]
  --port PORT            port to listen on, 0 for any free one (default ${DEFAULT_PORT}) [KMS_LAB_PORT]
  --data FILE            key store file, created if missing (default ${DEFAULT_DATA_FILE}) [KMS_LAB_DATA]
  --memory               keep keys in memory only; nothing is written [KMS_LAB_DATA=${MEMORY_DATA}]
  --region REGION        default AWS Region (default ${DEFAULT_REGION}) [KMS_LAB_REGION]: every
                         Region is served, each request in its SigV4 scope's; this one for
                         unsigned requests and for the keys of a store file from before Regions
  --account-id ID        12-digit AWS account ID in ARNs (default 111122223333) [KMS_LAB_ACCOUNT_ID]
  --credentials FILE     JSON object {"<accessKeyId>": "<secretAccessKey>"}, or
                         {"<accessKeyId>": {"secretAccessKey": "...", "principal": "<IAM ARN>"}}:
                         verify the SigV4 signature of every request (default: accept any)
                         [KMS_LAB_CREDENTIALS]
  --enforce-policies     refuse (AccessDeniedException) what key policies and grants do not
                         allow the request's principal (default: stored, not enforced)
                         [KMS_LAB_ENFORCE_POLICIES=true]
  --attestation-roots FILE
                         PEM bundle of the roots a Recipient's attestation document must
                         chain to (default: the AWS Nitro Enclaves root and KMS Lab's
                         development root, a public test CA) [KMS_LAB_ATTESTATION_ROOTS]
  --seed FILE            create the keys and aliases of a seed file (KMS Lab's JSON or YAML
                         format, or local-kms's seed.yaml) unless they exist [KMS_LAB_SEED]
  --cors ORIGINS         let browser pages from these origins call the endpoint: a
                         comma-separated list such as http://localhost:5173, or * [KMS_LAB_CORS]
  --log-level LEVEL      quiet (no request log), info (a line per request, the default) or
                         debug (with request IDs and error types) [KMS_LAB_LOG]
  --version              print the version
  --help                 show this help
`;

type ParsedCommand = ServeConfig | 'help' | 'version';

function parseCommand(args: string[], env: NodeJS.ProcessEnv): ParsedCommand {
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
        seed: { type: 'string' },
        cors: { type: 'string' },
        'log-level': { type: 'string' },
        version: { type: 'boolean' },
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
  if (values.version) return 'version';
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError('No command given: use `kms-lab serve`.');
  if (command !== 'serve')
    throw new UsageError(`Unknown command '${command}': use \`kms-lab serve\`.`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument '${extra[0]}'.`);
  return resolveServeConfig(values, env);
}

/** The package's version, from its package.json (next to dist/ and src/ alike). */
export function version(): string {
  const packageJson = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/**
 * How to point a client at the server: the same `export` line and KMSClient options as the
 * README's examples (a test keeps them equal).
 */
export function banner(
  server: RunningServer,
  signedWith: string | undefined,
  enforced = false,
): string {
  const store = server.dataFile ? `key store file ${server.dataFile}` : 'keys in memory only';
  const accessKeyId = signedWith ?? 'kmslab';
  const secret = signedWith ? '<its secret from the --credentials file>' : 'kmslab';
  const note = signedWith
    ? '# signatures are checked: use an access key ID and secret from the --credentials file'
    : '# any values work: signatures are not checked, but SDKs and the CLI need some';
  return `KMS Lab is serving AWS KMS at ${server.url} (every Region, by the SigV4 scope; default ${server.region}; ${store})

Point the AWS CLI or an SDK at it:
  ${note}
  export AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY=${secret} AWS_REGION=${server.region} AWS_DEFAULT_REGION=${server.region}
  aws --endpoint-url ${server.url} kms create-key
  aws --endpoint-url ${server.url} kms generate-data-key-pair --key-id <KeyId> --key-pair-spec ECC_NIST_P256
  new KMSClient({ endpoint: '${server.url}', region: '${server.region}', credentials: { accessKeyId: '${accessKeyId}', secretAccessKey: '${signedWith ? '<secret>' : 'kmslab'}' } })

Key policies and grants: ${enforced ? 'enforced (AccessDeniedException for what they do not allow)' : 'stored and returned, not enforced (--enforce-policies to enforce them)'}.
Health: GET ${server.url}/health. Stop with Ctrl+C.
`;
}

/** Runs the CLI; resolves with the process exit status once the server has stopped. */
export async function main(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args[0] === 'attestation') return attestationCommand(args.slice(1));
  let options: ParsedCommand;
  try {
    options = parseCommand(args, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kms-lab: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(`kms-lab ${version()}\n`);
    return 0;
  }
  let server: RunningServer;
  let stopSignal: Promise<void>;
  try {
    const credentials = options.credentialsFile && (await loadCredentials(options.credentialsFile));
    const attestationRoots =
      options.attestationRootsFile && (await loadAttestationRoots(options.attestationRootsFile));
    const seed = options.seedFile === undefined ? undefined : await loadSeedFile(options.seedFile);
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
      seed,
      cors: options.cors,
      ...(options.logLevel === 'quiet' ? { log: false } : {}),
      logDetails: options.logLevel === 'debug',
    });
    const seeded =
      server.seeded && options.seedFile
        ? `${describeSeedResult(options.seedFile, server.seeded)}\n`
        : '';
    // Listening for signals before the banner: whoever reads it may stop the server at once.
    stopSignal = stopOnSignal();
    process.stdout.write(
      `${banner(server, credentials ? [...credentials.keys()][0] : undefined, options.enforcePolicies)}${seeded}`,
    );
  } catch (error) {
    process.stderr.write(`kms-lab: ${startFailure(error, options)}\n`);
    return 1;
  }
  await stopSignal;
  await server.close();
  process.stderr.write('kms-lab: stopped.\n');
  return 0;
}

/** Resolves at the first SIGINT or SIGTERM. */
function stopOnSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stderr.write(`kms-lab: ${signal}: finishing requests in flight, then stopping.\n`);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
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

function startFailure(error: unknown, options: ServeConfig): string {
  if (
    error instanceof KeyStoreFileError ||
    error instanceof CredentialsFileError ||
    error instanceof SeedFileError ||
    error instanceof AttestationRootsFileError
  )
    return error.message;
  // The engine checked the seed: its message names the key and the field, never material.
  if (error instanceof SeedError)
    return `the seed file ${options.seedFile} cannot be used: ${error.message.replace(/^Seed: /, '')} Nothing of it was stored.`;
  if (isKmsError(error))
    return `the seed file ${options.seedFile} could not be applied: ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return `${options.host}:${options.port} is already in use; choose another --port.`;
  if (code === 'EACCES' || code === 'EPERM')
    return `permission denied (${(error as Error).message}).`;
  return `could not start: ${error instanceof Error ? error.message : String(error)}`;
}
