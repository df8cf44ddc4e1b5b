/**
 * Fast re-encoding of structures whose DER layout does not depend on their values.
 *
 * An EC or Ed25519 key pair of a given curve always encodes to the same bytes apart from
 * the key material: every length is fixed by the curve. So the structure is built once
 * with asn1js, the positions of the values are found by encoding it twice with values that
 * differ in every byte, and each later key is that template with its values copied in.
 * asn1js still builds every structure; this only avoids rebuilding an identical one for
 * every key, which cost a quarter of GenerateDataKeyPair's time for EC specs.
 */
import { DerError } from './asn1.js';

type Values<K extends string> = Readonly<Record<K, Uint8Array>>;

interface Slot {
  offset: number;
  length: number;
}

/** The byte positions where `a` and `b` differ, as one contiguous run. */
function differingRun(a: Uint8Array, b: Uint8Array): Slot | undefined {
  let first = -1;
  let last = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? undefined : { offset: first, length: last - first + 1 };
}

/**
 * Wraps `encode` (one DER output of fixed-length values) in a template. `sample` gives
 * values of the right lengths; `fixedPrefix` says how many leading bytes of a value are
 * part of the layout and must match (e.g. the 04 of an uncompressed point). Returns an
 * encoder that gives exactly what `encode` gives, for values of the sample's lengths.
 */
export function fixedLayoutEncoder<K extends string>(
  encode: (values: Values<K>) => Uint8Array,
  sample: Values<K>,
  fixedPrefix: Partial<Record<K, number>> = {},
): (values: Values<K>) => Uint8Array {
  const names = Object.keys(sample) as K[];
  const variant = (name: K, fill: number) => {
    const value = sample[name].slice();
    value.fill(fill, fixedPrefix[name] ?? 0);
    return { ...sample, [name]: value } as Values<K>;
  };
  const template = encode(sample);
  const slots = new Map<K, Slot>();
  for (const name of names) {
    const prefix = fixedPrefix[name] ?? 0;
    const run = differingRun(encode(variant(name, 0x00)), encode(variant(name, 0xff)));
    const expected = sample[name].length - prefix;
    if (run === undefined || run.length !== expected)
      throw new DerError(`fixed layout: the value ${name} does not sit at one fixed place`);
    slots.set(name, { offset: run.offset - prefix, length: sample[name].length });
  }
  return (values) => {
    const out = template.slice();
    for (const name of names) {
      const slot = slots.get(name) as Slot;
      const value = values[name];
      const prefix = fixedPrefix[name] ?? 0;
      if (value.length !== slot.length)
        throw new DerError(`fixed layout: ${name} must be ${slot.length} bytes`);
      for (let i = 0; i < prefix; i++)
        if (value[i] !== template[slot.offset + i])
          throw new DerError(`fixed layout: ${name} must start with the template's prefix`);
      out.set(value, slot.offset);
    }
    return out;
  };
}
