export default async function globalTeardown() {
  await globalThis.kmsLabServer?.close();
}
