/**
 * Every page type as readers meet it in Chromium: light and dark colour schemes, 320, 390 and
 * 1280 px wide, with and without JavaScript. axe-core finds no violation, and no page scrolls
 * sideways at 320 px (WCAG 1.4.10 reflow).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithBrowser, launchBrowser } from "../support/browser.ts";
import { buildNewsroomSite, type NewsroomBuild, PAGE_TYPES } from "../support/newsroom-site.ts";
import { type RunningServer, serveDirectory } from "../support/static-server.ts";

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SCHEMES = ["light", "dark"] as const;
const WIDTHS = [320, 390, 1280] as const;

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[]; failureSummary: string }[];
}

async function runAxe(page: Page): Promise<string[]> {
  await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return result.violations;
  });
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact}) at ${node.target.join(" ")}: ${node.failureSummary}`),
  );
}

describeWithBrowser("every page type, in both colour schemes, at every width", () => {
  let site: NewsroomBuild;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    site = await buildNewsroomSite();
    server = await serveDirectory(site.build.outputDir);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.remove();
  });

  const visitAll = async (context: BrowserContext, check: (page: Page, name: string) => Promise<string[]>) => {
    const failures: string[] = [];
    const page = await context.newPage();
    for (const [name, url] of Object.entries(PAGE_TYPES)) {
      await page.goto(`${server.url}${url}`);
      failures.push(...(await check(page, name)).map((failure) => `${name} (${url}): ${failure}`));
    }
    await context.close();
    return failures;
  };

  it.each(SCHEMES)(
    "axe-core finds no violation in the %s scheme, with JavaScript",
    async (colorScheme) => {
      const context = await browser.newContext({ colorScheme, viewport: { width: 390, height: 800 } });
      expect(await visitAll(context, (page) => runAxe(page))).toEqual([]);
    },
    120_000,
  );

  it.each(SCHEMES)(
    "axe-core finds no violation in the %s scheme, without JavaScript",
    async (colorScheme) => {
      // The site's scripts are all files (its CSP allows no inline script): blocking them shows
      // the page a reader without JavaScript sees, while axe itself can still run.
      const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 800 } });
      await context.route(/\.m?js(\?|$)/, (route) => route.abort());
      expect(await visitAll(context, (page) => runAxe(page))).toEqual([]);
    },
    120_000,
  );

  it.each(WIDTHS.flatMap((width) => [true, false].map((javaScriptEnabled) => [width, javaScriptEnabled] as const)))(
    "at %i px (JavaScript %s) no page scrolls sideways",
    async (width, javaScriptEnabled) => {
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 800 } });
      const failures = await visitAll(context, async (page) => {
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        return scrollWidth > clientWidth ? [`scrollWidth ${scrollWidth} > ${clientWidth}`] : [];
      });
      expect(failures).toEqual([]);
    },
    120_000,
  );

  it("without JavaScript hides 'Remember me' and shows a sent reply's confirmation in green, not the error red", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/replies-story/`);
    expect(await page.locator("#reply-remember").isVisible()).toBe(false);
    // Where the function sends a reader after a reply posted without JavaScript.
    await page.goto(`${server.url}/articles/replies-story/#reply-pending`);
    const notice = page.locator("#reply-pending");
    expect(await notice.isVisible()).toBe(true);
    const colours = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector("#reply-pending")!);
      const probe = document.createElement("span");
      probe.style.color = "var(--accent)";
      document.body.append(probe);
      return { border: style.borderLeftColor, accent: getComputedStyle(probe).color };
    });
    expect(colours.border).not.toBe(colours.accent);
    await context.close();
  });

  it("with JavaScript keeps the 'Thank you' when the page reloads (the dev server reloads after a reply)", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.route("**/api/replies", (route) =>
      route.fulfill({
        status: 202,
        contentType: "application/json",
        body: JSON.stringify({ ok: true, status: "pending", message: "Thank you: your reply awaits moderation." }),
      }),
    );
    await page.goto(`${server.url}/articles/replies-story/`);
    await page.fill("#reply-comment", "A reply.");
    await page.fill("#reply-author", "Reader");
    await page.fill("#reply-email", "reader@example.org");
    await page.click("#reply-form button[type=submit]");
    const status = page.locator("[data-reply-status]");
    await expect.poll(() => status.textContent()).toBe("Thank you: your reply awaits moderation.");
    await page.reload();
    await expect.poll(() => status.textContent()).toBe("Thank you: your reply awaits moderation.");
    expect(await status.getAttribute("data-kind")).toBe("success");
    await context.close();
  });

  it("search excerpts mark words without their punctuation, and Chinese reads as Chinese", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const excerpts = async (query: string) => {
      await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
      await page.waitForSelector(".search-result__excerpt");
      return page.$$eval(".search-result__excerpt", (elements) => elements.map((element) => element.innerHTML));
    };
    expect((await excerpts("gucci"))[0]).toContain("(<mark>Gucci</mark>)");
    const [chinese] = await excerpts("会员");
    expect(chinese).toContain("资格。国际反假冒联盟");
    expect(chinese).not.toMatch(/\p{Script=Han} \p{Script=Han}/u);
    await context.close();
  });

  it.each([390, 1280])("nothing shifts in view while the article and the search results load, at %i px", async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          if (!entry.hadRecentInput) shifts.push(entry.value);
      }).observe({ type: "layout-shift", buffered: true });
    });
    const total = () => page.evaluate(() => (window as unknown as { shifts: number[] }).shifts.reduce((sum, value) => sum + value, 0));
    await page.goto(`${server.url}/search/?q=gucci`);
    await page.waitForSelector(".search-result");
    await page.waitForTimeout(500);
    expect(await total()).toBeLessThan(0.01);
    await page.goto(`${server.url}/articles/replies-story/`);
    await page.waitForTimeout(500);
    expect(await total()).toBeLessThan(0.01);
    await context.close();
  });
});
