import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';

/**
 * Every test gets a fresh browser context (so a fresh, empty IndexedDB) watched for the
 * things that must never happen in KMS Lab: a console error, an uncaught page error, a
 * Content-Security-Policy violation, or a request to any origin but the app's (and those a
 * test names in `otherOrigins`). Each one is recorded as it happens and fails the test when
 * it ends.
 */
export interface Watch {
  /** What went wrong so far, one line each. */
  readonly problems: string[];
  /** Lets problems matching `pattern` through: for a test that causes them on purpose. */
  ignore(pattern: RegExp): void;
}

const CSP_REPORT_BINDING = '__kmsLabE2eCspViolation';

/** Runs in every page before the app: reports each CSP violation to the test. */
function reportCspViolations(binding: string) {
  document.addEventListener('securitypolicyviolation', (event) => {
    const report = (window as unknown as Record<string, (text: string) => void>)[binding];
    report?.(
      `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
    );
  });
}

function isOwnOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  // data: URLs never reach the network; blob: URLs carry the origin that made them.
  if (url.startsWith('data:')) return true;
  return allowedOrigins.includes(new URL(url).origin);
}

function watchPage(page: Page, problems: string[]) {
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error') problems.push(`console error: ${text}`);
    else if (/content security policy/i.test(text))
      problems.push(`CSP console ${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.name}: ${error.message}`));
  // The crypto worker's console is its own.
  page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'error') problems.push(`worker console error: ${message.text()}`);
    }),
  );
}

async function watchContext(
  context: BrowserContext,
  allowedOrigins: readonly string[],
  problems: string[],
) {
  await context.exposeBinding(CSP_REPORT_BINDING, (_source, text: string) => {
    problems.push(`CSP violation: ${text}`);
  });
  await context.addInitScript(reportCspViolations, CSP_REPORT_BINDING);
  // Any other origin is refused before it leaves the browser, and recorded.
  await context.route(
    (url) => !isOwnOrigin(url.href, allowedOrigins),
    (route) => {
      problems.push(`request to another origin: ${route.request().url()}`);
      return route.abort('blockedbyclient');
    },
  );
  context.on('request', (request) => {
    if (!isOwnOrigin(request.url(), allowedOrigins))
      problems.push(`request to another origin: ${request.url()}`);
  });
  for (const page of context.pages()) watchPage(page, problems);
  context.on('page', (page) => watchPage(page, problems));
}

export const test = base.extend<{ watch: Watch; otherOrigins: readonly string[] }>({
  /** Origins besides the app's that pages may reach: a test of a KMS endpoint names its own. */
  otherOrigins: [[], { option: true }],
  watch: [
    async ({ context, baseURL, otherOrigins }, use) => {
      if (!baseURL) throw new Error('The Playwright config must set use.baseURL.');
      const problems: string[] = [];
      const ignored: RegExp[] = [];
      await watchContext(context, [new URL(baseURL).origin, ...otherOrigins], problems);
      await use({ problems, ignore: (pattern) => ignored.push(pattern) });
      expect(
        [...new Set(problems)].filter((problem) => !ignored.some((each) => each.test(problem))),
        'console errors, page errors, CSP violations, other origins',
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
