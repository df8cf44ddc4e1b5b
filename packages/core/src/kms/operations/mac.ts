/** GenerateMac and VerifyMac, with HMAC KMS keys. */
import { KmsError } from '../../errors.js';
import * as keyCrypto from '../../kms-keys/index.js';
import { algorithmsFor } from '../../kms-keys/key-spec-table.js';
import type * as T from '../../model/types.generated.js';
import type { KmsContext } from '../context.js';
import { keyForUse, requireAlgorithm } from './asymmetric.js';

async function macKey(kms: KmsContext, operation: string, input: T.GenerateMacRequest) {
  const key = await keyForUse(
    kms,
    input.KeyId as string,
    'GENERATE_VERIFY_MAC',
    operation,
    input.GrantTokens,
  );
  requireAlgorithm(key, input.MacAlgorithm, algorithmsFor(key.keySpec, key.keyUsage).MacAlgorithms);
  return key;
}

export function generateMac(kms: KmsContext, input: T.GenerateMacCommandInput) {
  return kms.run('GenerateMac', input, async () => {
    const key = await macKey(kms, 'GenerateMac', input);
    const algorithm = input.MacAlgorithm as T.MacAlgorithmSpec;
    const mac = await keyCrypto.generateMac(
      key.keySpec,
      kms.privateKeys.access(key),
      algorithm,
      input.Message as Uint8Array,
      kms.crypto,
    );
    kms.dryRun(input.DryRun);
    return { Mac: mac, MacAlgorithm: algorithm, KeyId: kms.arn(key) };
  });
}

export function verifyMac(kms: KmsContext, input: T.VerifyMacCommandInput) {
  return kms.run('VerifyMac', input, async () => {
    const key = await macKey(kms, 'VerifyMac', input);
    const algorithm = input.MacAlgorithm as T.MacAlgorithmSpec;
    const valid = await keyCrypto.verifyMac(
      key.keySpec,
      kms.privateKeys.access(key),
      algorithm,
      input.Message as Uint8Array,
      input.Mac as Uint8Array,
      kms.crypto,
    );
    kms.dryRun(input.DryRun);
    // AWS answers a MAC that does not verify with KMSInvalidMacException and no message.
    if (!valid) throw new KmsError('KMSInvalidMacException', '');
    return { KeyId: kms.arn(key), MacValid: true, MacAlgorithm: algorithm };
  });
}
