import { parseArgs } from 'node:util';
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

Runs a local AWS KMS endpoint (AWS JSON 1.1 at POST /, Alibaba Cloud KMS Advance
operations at POST /alibaba/<ApiName>, GET /health).

Options:
  --host HOST            address to listen on (default ${DEFAULT_HOST})
  --port PORT            port to listen on, 0 for any free one (default ${DEFAULT_PORT})
  --data FILE            key store file, created if missing (default ${DEFAULT_DATA_FILE})
  --memory               keep keys in memory only; nothing is written
  --region REGION        default AWS Region (default ${DEFAULT_REGION}): every Region is served,
                         each request in its SigV4 scope's; this one for unsigned requests
                         and for the keys of a store file from before Regions
  --account-id ID        12-digit AWS account ID in ARNs (default 111122223333)
  --credentials FILE     JSON object {"<accessKeyId>": "<secretAccessKey>"}, or
                         {"<accessKeyId>": {"secretAccessKey": "...", "principal": "<IAM ARN>"}}:
                         verify the SigV4 signature of every request (default: accept any)
  --enforce-policies     refuse (AccessDeniedException) what key policies and grants do not
                         allow the request's principal (default: stored, not enforced)
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
  };
}

function banner(server: RunningServer, signed: boolean, enforced: boolean): string {
  const store = server.dataFile ? `key store file ${server.dataFile}` : 'keys in memory only';
  const credentials = signed
    ? '# use an access key ID and secret from the --credentials file'
    : '# any values work: signatures are not checked';
  return `KMS Lab is serving AWS KMS at ${server.url} (every Region, by the SigV4 scope; default ${server.region}; ${store})

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
    server = await startServer({
      host: options.host,
      port: options.port,
      dataFile: options.dataFile,
      memory: options.dataFile === undefined,
      region: options.region,
      accountId: options.accountId,
      credentials: credentials || undefined,
      enforcePolicies: options.enforcePolicies,
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

function startFailure(error: unknown, options: ServeOptions): string {
  if (error instanceof KeyStoreFileError || error instanceof CredentialsFileError)
    return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return `${options.host}:${options.port} is already in use; choose another --port.`;
  if (code === 'EACCES' || code === 'EPERM')
    return `permission denied (${(error as Error).message}).`;
  return `could not start: ${error instanceof Error ? error.message : String(error)}`;
}
