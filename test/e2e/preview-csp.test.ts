/**
 * The built fixture site in Chromium through the preview server, which sends netlify.toml's
 * headers: every page must work under the Content-Security-Policy with zero violations.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadPreviewRules, type RunningPreview, startPreviewServer } from "../../src/http/preview/server.ts";
import { describeWithBrowser, launchBrowser } from "../support/browser.ts";
import { type BuildResult, ROOT } from "../support/build-site.ts";
import { buildFixtureSite, type FixtureBuild } from "../support/fixture-site.ts";
import { type HeaderRule, readTomlHeaders } from "../support/netlify-headers.ts";

// A page that breaks the policy on purpose: proves the detector below sees violations.
const CANARY = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Canary</title>
<style>body { color: red; }</style></head><body><p style="color: blue">Canary</p>
<script>document.title = "ran";</script></body></html>`;

interface Visit {
  status: number | undefined;
  headers: Record<string, string>;
  violations: string[];
  assetCacheControl: (string | undefined)[];
  page: Page;
}

describeWithBrowser("the site in Chromium under netlify.toml's headers", () => {
  let fixture: FixtureBuild;
  let build: BuildResult;
  let preview: RunningPreview;
  let browser: Browser;
  let tomlHeaders: HeaderRule[];

  beforeAll(async () => {
    fixture = await buildFixtureSite();
    ({ build } = fixture);
    await mkdir(path.join(build.outputDir, "csp-canary"));
    await writeFile(path.join(build.outputDir, "csp-canary", "index.html"), CANARY);
    const rules = await loadPreviewRules(path.join(ROOT, "netlify.toml"), build.outputDir);
    preview = await startPreviewServer({ root: build.outputDir, rules, port: 0, api: {} });
    tomlHeaders = await readTomlHeaders();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    await fixture?.remove();
  });

  /**
   * Opens a page, collecting CSP violations two ways: a `securitypolicyviolation` listener
   * installed as an init script (run by the browser itself, so the CSP does not apply to
   * it) and Chromium's own console reports of refused content.
   */
  async function visit(url: string): Promise<Visit> {
    const page = await browser.newPage();
    const violations: string[] = [];
    const assetCacheControl: (string | undefined)[] = [];
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener("securitypolicyviolation", (event) => {
        seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
      });
    });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
    });
    page.on("response", (response) => {
      if (new URL(response.url()).pathname.startsWith("/assets/")) assetCacheControl.push(response.headers()["cache-control"]);
    });
    const response = await page.goto(`${preview.url}${url}`, { waitUntil: "load" });
    // Violation events are queued as tasks: let them run before reading the list.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    violations.push(...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)));
    return { status: response?.status(), headers: (await response?.allHeaders()) ?? {}, violations, assetCacheControl, page };
  }

  it("notices a page that breaks the policy (the detector works)", async () => {
    const { violations, page } = await visit("/csp-canary/");
    expect(await page.title()).toBe("Canary");
    // Seen by the init script's listener…
    expect(violations).toContain("script-src-elem blocked inline");
    expect(violations).toContain("style-src-attr blocked inline");
    // …and by Chromium's console.
    expect(violations.some((v) => v.startsWith("console:") && v.includes("script-src"))).toBe(true);
    await page.close();
  });

  it.each([
    ["home", "/"],
    ["article", "/articles/alibaba-chinese/"],
    ["article with JSON-LD and a marked-up headline", "/articles/closed-for-replies/"],
    ["tag", "/tags/retail/"],
    ["category", "/category/business/"],
    ["archive", "/archive/2024/"],
  ])("the %s page (%s) loads styled, with zero CSP violations and netlify.toml's headers", async (_name, url) => {
    const { status, headers, violations, assetCacheControl, page } = await visit(url);
    expect(status).toBe(200);
    expect(violations).toEqual([]);
    // The stylesheet loaded and applied under style-src 'self'.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector(".skip-link")!).position)).toBe("absolute");
    const everywhere = tomlHeaders.find((rule) => rule.for === "/*")!.values;
    for (const [name, value] of Object.entries(everywhere)) expect(headers[name.toLowerCase()], name).toBe(value);
    expect(headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    // Every hashed asset the page loads (the stylesheet; the reply form's script where replies are open).
    expect(assetCacheControl.length).toBeGreaterThan(0);
    const immutable = tomlHeaders.find((rule) => rule.for === "/assets/*")!.values["Cache-Control"];
    expect(immutable).toBe("public, max-age=31536000, immutable");
    for (const value of assetCacheControl) expect(value).toBe(immutable);
    await page.close();
  });

  it("answers a missing page with status 404 and the 404 page, styled and without violations", async () => {
    const { status, headers, violations, page } = await visit("/no/such/page/");
    expect(status).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page not found");
    expect(violations).toEqual([]);
    expect(headers["content-security-policy"]).toBe(tomlHeaders.find((rule) => rule.for === "/*")!.values["Content-Security-Policy"]);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector(".skip-link")!).position)).toBe("absolute");
    await page.close();
  });

  it("follows an old WordPress permalink to the article", async () => {
    const { status, page } = await visit("/2024/04/01/alibaba-chinese/");
    expect(status).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/articles/alibaba-chinese/");
    await page.close();
  });
});
