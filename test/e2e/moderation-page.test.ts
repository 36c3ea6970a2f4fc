/**
 * The moderation pages in Chromium at a phone's size: styled under their own strict CSP with
 * zero violations, buttons big enough to tap, nothing wider than the screen, and the confirm
 * button approving the reply.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serveNodeRequest } from "../../src/http/node-adapter.ts";
import { createModerationHandler } from "../../src/replies/moderation/moderation-handler.ts";
import { deriveModerationKey, makeClaim, signModerationToken } from "../../src/replies/moderation/signed-link.ts";
import { makeManifest } from "../replies/support/manifest.ts";
import { MemoryModerationStore } from "../replies/support/memory-moderation-store.ts";
import { makeRecord } from "../replies/support/pipeline.ts";
import { describeWithBrowser, launchBrowser } from "../support/browser.ts";

const KEY = deriveModerationKey(undefined, "reply-secret");
const RECORD = makeRecord({
  id: "20240601T110000000Z-aaaaaaaaaa",
  status: "pending",
  author: "A reader with a rather long name",
  body: `A long unbroken word: ${"x".repeat(300)}\n\nand <script>alert(1)</script>`,
});

describeWithBrowser("the moderation pages on a phone", () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  const store = new MemoryModerationStore([structuredClone(RECORD)]);

  beforeAll(async () => {
    const handle = createModerationHandler({
      store,
      key: KEY,
      now: () => new Date(),
      loadManifest: async () => makeManifest(),
      log: () => undefined,
    });
    server = createServer((req, res) => void serveNodeRequest(handle, req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  async function open(url: string): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(url, { waitUntil: "load" });
    return { page, violations };
  }

  it("shows the confirm page styled, readable and tappable, then approves on the button", async () => {
    const token = signModerationToken(KEY, makeClaim("approve", RECORD, new Date()));
    const { page, violations } = await open(`${base}/api/replies/moderate?t=${token}`);
    expect(violations).toEqual([]);
    // The style block applied (the CSP allows it by hash): the button is the green one.
    const button = page.locator("button.approve");
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe("rgb(10, 107, 45)");
    expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await page.locator("pre.text").textContent()).toContain("<script>alert(1)</script>");
    expect(store.calls).toEqual([]);
    await button.tap();
    await page.waitForURL(/\/api\/replies\/moderate$/);
    expect(await page.locator("h1").textContent()).toBe("Approved");
    expect(store.calls).toEqual([`approve ${RECORD.id}`]);
    await page.close();
  });
});
