/**
 * Launches Debian's Chromium through playwright-core. Browser tests use `describeWithBrowser`:
 * without a browser they are skipped with the reason printed, except under CI=true where a
 * missing browser is a failure (CI installs it in .ci/run).
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { describe, it } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Background networking off: this machine's network is closed, and Chromium would
// otherwise keep trying (and failing) to reach its update and sync services.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function browserAvailable(): { ok: true } | { ok: false; reason: string } {
  if (existsSync(CHROMIUM_PATH)) return { ok: true };
  return {
    ok: false,
    reason: `no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH to run the browser tests.`,
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
}

/**
 * `describe` for tests that drive Chromium. The developers' guide asks for exactly this:
 * without a browser the tests are skipped and the run says why and how to enable them;
 * under CI=true a missing browser is a failing test instead (CI installs it in .ci/run).
 */
export function describeWithBrowser(name: string, fn: () => void): void {
  const available = browserAvailable();
  if (!available.ok && process.env.CI === "true") {
    describe(name, () => {
      it("has a browser to run in (CI=true)", () => {
        throw new Error(`Browser tests cannot run: ${available.reason}`);
      });
    });
    return;
  }
  if (!available.ok) console.warn(`Skipping browser tests "${name}": ${available.reason}`);
  describe.skipIf(!available.ok)(name, fn);
}
