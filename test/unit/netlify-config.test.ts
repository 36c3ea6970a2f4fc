/** The real netlify.toml, read with a real TOML parser: what Netlify will do with it. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parseNetlifyToml } from "../../src/http/preview/netlify-rules.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const text = await readFile(path.join(ROOT, "netlify.toml"), "utf8");

interface RawConfig {
  build: { command: string; publish: string; environment: Record<string, string> };
  dev: { framework: string; command: string; targetPort: number; port: number; publish: string };
  functions: { directory: string };
  headers: { for: string; values: Record<string, string> }[];
  redirects: { from: string; to: string; status?: number }[];
}
const raw = parse(text) as unknown as RawConfig;
const headerFor = (pattern: string) => raw.headers.find((rule) => rule.for === pattern)?.values;

const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
];

describe("netlify.toml", () => {
  it("builds with npm run build into _site on Node 22, with functions from src/functions", async () => {
    expect(raw.build.command).toBe("npm run build");
    expect(raw.build.publish).toBe("_site");
    expect(raw.build.environment.NODE_VERSION).toBe("22");
    expect(raw.functions.directory).toBe("src/functions");
    const scripts = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")).scripts;
    expect(scripts.build).toBeDefined();
  });

  it("builds on the Node of .nvmrc, an LTS newer than the oldest Node the project supports", async () => {
    const nvmrc = (await readFile(path.join(ROOT, ".nvmrc"), "utf8")).trim();
    const engines = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")).engines.node;
    expect(raw.build.environment.NODE_VERSION).toBe(nvmrc);
    // Production moved on from Node 20 (end of life 2026-04-30); the project still runs on it.
    expect(engines).toBe(">=20.19");
    expect(Number(nvmrc)).toBeGreaterThan(20);
  });

  it("runs `npm start` behind `netlify dev`, proxied from the port the dev server listens on", () => {
    // 8080: the dev server's default PORT (src/build/dev-server.ts, README).
    expect(raw.dev).toMatchObject({ framework: "#custom", command: "npm start", targetPort: 8080, publish: "_site" });
    expect(raw.dev.port).not.toBe(raw.dev.targetPort);
  });

  it("sends the security headers on every path", () => {
    expect(Object.keys(headerFor("/*") ?? {}).sort()).toEqual([
      "Content-Security-Policy",
      "Cross-Origin-Opener-Policy",
      "Permissions-Policy",
      "Referrer-Policy",
      "X-Content-Type-Options",
    ]);
    expect(headerFor("/*")).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
  });

  it.each(CSP_DIRECTIVES)("has the CSP directive %s", (directive) => {
    const directives = (headerFor("/*")?.["Content-Security-Policy"] ?? "").split(";").map((part) => part.trim());
    expect(directives).toContain(directive);
  });

  it("allows no inline script or style in the CSP", () => {
    expect(headerFor("/*")?.["Content-Security-Policy"]).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  });

  it.each(["camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"])("denies %s in Permissions-Policy", (feature) => {
    expect((headerFor("/*")?.["Permissions-Policy"] ?? "").split(/,\s*/)).toContain(feature);
  });

  it("caches content-hashed assets for a year and revalidates pages, feeds and the search index", () => {
    expect(headerFor("/assets/*")).toEqual({ "Cache-Control": "public, max-age=31536000, immutable" });
    for (const pattern of ["/", "/articles/*", "/tags/*", "/feed.xml", "/feed.json", "/pagefind/*", "/404.html"]) {
      expect(headerFor(pattern), pattern).toEqual({ "Cache-Control": "public, max-age=0, must-revalidate" });
    }
  });

  it("caches the content-hashed photographs for a year and revalidates the icons, whose names are fixed", () => {
    expect(headerFor("/img/*")).toEqual({ "Cache-Control": "public, max-age=31536000, immutable" });
    for (const pattern of ["/favicon.ico", "/icon.svg", "/icon-192.png", "/apple-touch-icon.png"]) {
      expect(headerFor(pattern), pattern).toEqual({ "Cache-Control": "public, max-age=0, must-revalidate" });
    }
  });

  it("redirects WordPress's feed and tag URLs", () => {
    expect(raw.redirects).toEqual(
      expect.arrayContaining([
        { from: "/feed/*", to: "/feed.xml", status: 301 },
        { from: "/tag/*", to: "/tags/:splat", status: 301 },
      ]),
    );
  });

  it("is read by the preview without an unsupported rule", async () => {
    const config = await parseNetlifyToml(text);
    expect(config.headers).toHaveLength(raw.headers.length);
    expect(config.redirects).toHaveLength(raw.redirects.length);
  });
});
