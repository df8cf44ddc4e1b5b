/**
 * The sample app: what a real app under test does with AWS KMS, in a browser. It never
 * knows about KMS Lab: it calls the endpoint it is given, with the AWS SDK.
 */
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';

const parameters = new URLSearchParams(location.search);
const client = new KMSClient({
  endpoint: parameters.get('endpoint') ?? 'https://kms.us-east-1.amazonaws.com',
  region: parameters.get('region') ?? 'us-east-1',
  // A real app gets these from its sign-in (Cognito, STS); KMS Lab accepts any.
  credentials: { accessKeyId: 'kmslab', secretAccessKey: 'kmslab' },
});

const element = (id: string) => document.getElementById(id) as HTMLElement;
const show = (status: string, ciphertext = '', error = '') => {
  element('status').textContent = status;
  (element('ciphertext') as HTMLTextAreaElement).value = ciphertext;
  element('error').textContent = error;
};

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

async function encryptAndDecrypt(keyId: string, message: string) {
  const encrypted = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode(message) }),
  );
  const decrypted = await client.send(
    new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }),
  );
  show(
    `Encrypted under ${encrypted.KeyId}; decrypted: ${new TextDecoder().decode(decrypted.Plaintext)}`,
    toBase64(encrypted.CiphertextBlob ?? new Uint8Array()),
  );
}

async function createKey(description: string) {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: description }));
  show(`Created key ${KeyMetadata?.KeyId}`);
}

function onSubmit(id: string, action: (form: FormData) => Promise<void>) {
  element(id).addEventListener('submit', (event) => {
    event.preventDefault();
    show('Working...');
    action(new FormData(event.target as HTMLFormElement)).catch((error: Error) =>
      show('Failed.', '', `${error.name}: ${error.message}`),
    );
  });
}

onSubmit('encrypt', (form) =>
  encryptAndDecrypt(String(form.get('keyId')), String(form.get('message'))),
);
onSubmit('create-key', (form) => createKey(String(form.get('description'))));
