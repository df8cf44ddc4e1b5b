/** The sample app's port: next to the web app's, so that several checkouts can run e2e. */
export const EXAMPLE_APP_PORT = Number(process.env.KMS_LAB_WEB_PORT ?? 4600) + 1;
