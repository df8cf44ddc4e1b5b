/**
 * `kms-lab serve`'s settings from its flags and from the environment (KMS_LAB_*), flags
 * winning. Every bad value is a UsageError that names the flag or variable it came from.
 */
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_REGION } from './server.js';

export const DEFAULT_DATA_FILE = '.kms-lab/kms-lab.json';
/** KMS_LAB_DATA's value for "in memory", as `--memory`. */
export const MEMORY_DATA = ':memory:';

export const LOG_LEVELS = ['quiet', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment variables `kms-lab serve` reads, each with the flag it stands for. */
export const ENVIRONMENT = {
  KMS_LAB_HOST: '--host',
  KMS_LAB_PORT: '--port',
  KMS_LAB_DATA: `--data (or ${MEMORY_DATA} for --memory)`,
  KMS_LAB_REGION: '--region',
  KMS_LAB_ACCOUNT_ID: '--account-id',
  KMS_LAB_CREDENTIALS: '--credentials',
  KMS_LAB_SEED: '--seed',
  KMS_LAB_LOG: '--log-level',
  KMS_LAB_CORS: '--cors',
  KMS_LAB_ENFORCE_POLICIES: '--enforce-policies (true or false)',
  KMS_LAB_ATTESTATION_ROOTS: '--attestation-roots',
} as const;

/** Bad command-line or environment input: the CLI prints the message and exits with status 2. */
export class UsageError extends Error {}

/** What parseArgs gives for `serve`'s options. */
export interface ServeFlags {
  host?: string | undefined;
  port?: string | undefined;
  data?: string | undefined;
  memory?: boolean | undefined;
  region?: string | undefined;
  'account-id'?: string | undefined;
  credentials?: string | undefined;
  seed?: string | undefined;
  'log-level'?: string | undefined;
  cors?: string | undefined;
  'enforce-policies'?: boolean | undefined;
  'attestation-roots'?: string | undefined;
}

export interface ServeConfig {
  host: string;
  port: number;
  /** undefined: in memory. */
  dataFile: string | undefined;
  region: string;
  accountId: string | undefined;
  credentialsFile: string | undefined;
  seedFile: string | undefined;
  logLevel: LogLevel;
  /** Allowed browser origins ('*' for any), or undefined for no CORS. */
  cors: string[] | undefined;
  /** Enforce key policies and grants (default off: stored and returned only). */
  enforcePolicies: boolean;
  /** PEM bundle of the roots a Recipient's attestation document must chain to. */
  attestationRootsFile: string | undefined;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** A setting's value and where it came from ("--port" or "KMS_LAB_PORT"), for messages. */
function pick(
  flags: ServeFlags,
  env: Environment,
  flag: keyof ServeFlags,
  variable: keyof typeof ENVIRONMENT,
) {
  const fromFlag = flags[flag];
  if (typeof fromFlag === 'string') return { value: fromFlag, source: `--${flag}` };
  const fromEnv = env[variable];
  // An empty variable is unset, as shells often leave them.
  if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, source: variable };
  return { value: undefined, source: `--${flag}` };
}

export function resolveServeConfig(flags: ServeFlags, env: Environment): ServeConfig {
  if (flags.memory && flags.data !== undefined)
    throw new UsageError('--data and --memory exclude each other: give one.');

  const port = pick(flags, env, 'port', 'KMS_LAB_PORT');
  const portText = port.value ?? String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)
    throw new UsageError(`${port.source} must be a number from 0 to 65535; got '${portText}'.`);

  const host = pick(flags, env, 'host', 'KMS_LAB_HOST');
  if (host.value !== undefined && host.value.trim() === '')
    throw new UsageError(`${host.source} must not be empty.`);

  const region = pick(flags, env, 'region', 'KMS_LAB_REGION');
  const regionText = region.value ?? DEFAULT_REGION;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(regionText))
    throw new UsageError(
      `${region.source} must look like an AWS Region, e.g. eu-west-1; got '${regionText}'.`,
    );

  const accountId = pick(flags, env, 'account-id', 'KMS_LAB_ACCOUNT_ID');
  if (accountId.value !== undefined && !/^\d{12}$/.test(accountId.value))
    throw new UsageError(`${accountId.source} must be 12 digits; got '${accountId.value}'.`);

  if (flags.data === '') throw new UsageError('--data needs a file name.');
  const data = pick(flags, env, 'data', 'KMS_LAB_DATA');
  const dataFile = flags.memory
    ? undefined
    : data.value === MEMORY_DATA
      ? undefined
      : (data.value ?? DEFAULT_DATA_FILE);

  const log = pick(flags, env, 'log-level', 'KMS_LAB_LOG');
  const logLevel = log.value ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new UsageError(
      `${log.source} must be one of ${LOG_LEVELS.join(', ')}; got '${logLevel}'.`,
    );

  for (const flag of ['credentials', 'seed', 'cors', 'attestation-roots'] as const)
    if (flags[flag] === '') throw new UsageError(`--${flag} needs a value.`);
  const cors = pick(flags, env, 'cors', 'KMS_LAB_CORS');

  const enforceVariable = env.KMS_LAB_ENFORCE_POLICIES;
  if (
    flags['enforce-policies'] === undefined &&
    enforceVariable !== undefined &&
    enforceVariable !== '' &&
    !/^(true|false)$/i.test(enforceVariable)
  )
    throw new UsageError(
      `KMS_LAB_ENFORCE_POLICIES must be true or false; got '${enforceVariable}'.`,
    );
  const enforcePolicies = flags['enforce-policies'] ?? /^true$/i.test(enforceVariable ?? '');

  return {
    host: host.value ?? DEFAULT_HOST,
    port: Number(portText),
    dataFile,
    region: regionText,
    accountId: accountId.value,
    credentialsFile: pick(flags, env, 'credentials', 'KMS_LAB_CREDENTIALS').value,
    seedFile: pick(flags, env, 'seed', 'KMS_LAB_SEED').value,
    logLevel: logLevel as LogLevel,
    cors: cors.value === undefined ? undefined : parseCorsOrigins(cors.value, cors.source),
    enforcePolicies,
    attestationRootsFile: pick(flags, env, 'attestation-roots', 'KMS_LAB_ATTESTATION_ROOTS').value,
  };
}

/**
 * `--cors` takes `*` or a comma-separated list of origins, each scheme://host[:port] as a
 * browser sends it in `Origin` (no path, no trailing slash).
 */
export function parseCorsOrigins(text: string, source = '--cors'): string[] {
  const origins = text
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  if (origins.length === 0) throw new UsageError(`${source} needs at least one origin, or *.`);
  for (const origin of origins) {
    if (origin === '*') continue;
    if (!/^https?:\/\/[^/\s]+$/.test(origin) || origin !== origin.toLowerCase())
      throw new UsageError(
        `${source}: '${origin}' is not an origin; give scheme://host[:port] in lower case, e.g. http://localhost:5173, or *.`,
      );
  }
  return origins;
}
