import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/**
 * The app's Content-Security-Policy. The built HTML carries it in a <meta> tag and the
 * preview server sends it as a header. frame-ancestors only works as a header (browsers
 * ignore it in <meta> and say so on the console), so the meta copy leaves it out.
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];
const CSP_META = CSP_DIRECTIVES.join('; ');
const CSP_HEADER = [...CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** Adds the CSP meta tag to the built page only: the dev server needs inline scripts. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'kms-lab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta()],
  // Use @kms-lab/core's TypeScript sources: no build of core is needed.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    // The polyfill is an inline script, which the CSP forbids; every browser we support
    // has native modulepreload.
    modulePreload: { polyfill: false },
    // Small assets stay files: nothing is inlined into the HTML.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // V8's explicit compile hint: compile the engine's chunks eagerly while they stream
        // in, off the main thread, rather than function by function when first called.
        postBanner: (chunk) =>
          /^(src|noble|asn1|kms-model)$/.test(chunk.name) ? '//# allFunctionsCalledOnLoad' : '',
        codeSplitting: {
          groups: [
            // The engine's libraries apart from it, so that compiling the engine when a
            // screen first needs it is several shorter main-thread tasks, not one long one
            // (e2e/bench/web-app.mjs measures the longest task per flow).
            { name: 'noble', test: /node_modules[\\/]@noble[\\/]/ },
            { name: 'asn1', test: /node_modules[\\/](asn1js|pvtsutils|pvutils)[\\/]/ },
            { name: 'kms-model', test: /packages[\\/]core[\\/]src[\\/]model[\\/]/ },
          ],
        },
      },
    },
  },
  worker: { format: 'es' },
  preview: {
    host: '127.0.0.1',
    // KMS_LAB_WEB_PORT lets two checkouts run their browser tests side by side.
    port: Number(process.env.KMS_LAB_WEB_PORT ?? 4600),
    strictPort: true,
    headers: SECURITY_HEADERS,
  },
});
