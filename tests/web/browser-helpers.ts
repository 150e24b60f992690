/**
 * Headless Chromium for the browser tests: Debian's `chromium` package driven by playwright-core (which ships
 * no browser of its own). `.ci/run` installs the package; a machine without it fails with one clear line.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** CRONISTA_CHROMIUM overrides where the browser is (default: Debian's /usr/bin/chromium). */
export const CHROMIUM = process.env.CRONISTA_CHROMIUM?.trim() || '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`browser tests need Chromium at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\` (.ci/run does) or set CRONISTA_CHROMIUM`);
  }
  return chromium.launch({ executablePath: CHROMIUM });
}

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };
export type Scheme = 'light' | 'dark';

/** A fresh page; `problems` collects console errors and warnings, uncaught errors and CSP violations. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[]; dialogs: string[]; close(): Promise<void> }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  if (options.javaScriptEnabled !== false) {
    // Init scripts run in the page even under `script-src 'none'` (they come from the driver, not the page).
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
      });
    });
  }
  return { page, problems, dialogs, close: () => context.close() };
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown; failureSummary?: string }[];
}

const axePath = createRequire(import.meta.url).resolve('axe-core');

/**
 * axe-core's serious and critical findings on the page as it stands, one readable line each. The page's CSP
 * forbids scripts, so the context must be opened with `bypassCSP: true` for axe to be injected.
 */
export async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id} (${violation.help}): ${violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`.replace(/\s+/g, ' ')).join(' | ')}`);
}

/** Where screenshots go when CRONISTA_SCREENSHOTS names a folder (off by default). */
export function screenshotDir(): string | null {
  const dir = process.env.CRONISTA_SCREENSHOTS?.trim();
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  return dir;
}
