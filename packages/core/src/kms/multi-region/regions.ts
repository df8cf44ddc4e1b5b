/**
 * What one Region's engine knows of the other Regions of its partition: enough to replicate a
 * multi-Region key into another Region and to describe its related keys. The partition
 * (kms/multi-region/partition.ts) gives it; an engine made alone by createKms has none and
 * serves its one Region.
 */
import type { KeyStore } from '../../store/types.js';

export interface RegionDirectory {
  /** The store of a Region's keys and aliases, shared with that Region's engine. */
  storeOf(region: string): KeyStore;
  /** Every Region with an engine or stored keys, sorted. */
  regions(): string[];
  /** Applies what the clock has made due to a key of a Region (its deletion, say). */
  settle(region: string, keyId: string): Promise<void>;
}

/** AWS's RegionType pattern (the API model): `us-east-1`, `us-gov-west-1`, `cn-north-1`. */
export const REGION_PATTERN = /^([a-z]+-){2,3}\d+$/;
