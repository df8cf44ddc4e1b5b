import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe-core's rules that are off by default because they are "experimental", turned on:
 * label-content-name-mismatch is WCAG 2.5.3 (Label in Name), which KMS Lab's ASN.1 tree
 * once broke. No rule is turned off.
 */
const EXTRA_RULES = ['label-content-name-mismatch'];

/**
 * Every axe violation on the page, one line each: rule, impact, and where. A CSS selector
 * in `within` scans only that part, in `without` all but it: for a part scanned already.
 */
export async function axeViolations(
  page: Page,
  { within, without }: { within?: string; without?: string } = {},
): Promise<string[]> {
  let builder = new AxeBuilder({ page }).options({
    rules: Object.fromEntries(EXTRA_RULES.map((id) => [id, { enabled: true }])),
  });
  if (within) builder = builder.include(within);
  if (without) builder = builder.exclude(without);
  const results = await builder.analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`,
    ),
  );
}
