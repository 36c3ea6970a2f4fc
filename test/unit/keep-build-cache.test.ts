import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bindOpts } from "@netlify/cache-utils";
import { parse } from "smol-toml";
import { afterEach, describe, expect, it } from "vitest";
import { cachedPaths, type NetlifyCache, onPreBuild, onSuccess } from "../../netlify/plugins/keep-build-cache/index.js";
import { privateOutputDir } from "../../src/shared/article-manifest.ts";
import { IMAGE_CACHE_DIR } from "../../src/site/build-options.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Netlify's utils.cache: @netlify/cache-utils bound to a cache folder and the build's folder, as Netlify Build binds it. */
const netlifyCache = (cacheDir: string, buildDir: string): NetlifyCache => bindOpts({ cacheDir, cwd: buildDir });

async function writeIn(dir: string, relative: string, text: string) {
  await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
  await writeFile(path.join(dir, relative), text);
}

const scratch: string[] = [];
afterEach(() => Promise.all(scratch.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

/** One build's leftovers in a checkout: pages, search shards, processed images, the private folder. */
async function builtCheckout(dir: string, publish: string) {
  await writeIn(dir, path.join(publish, "index.html"), "<!doctype html>");
  await writeIn(dir, path.join(publish, "pagefind/2016/pagefind-entry.json"), "{}");
  await writeIn(dir, ".cache/images/abc-640.webp", "image");
  await writeIn(dir, path.join(privateOutputDir(publish), "rendered-pages.json"), "digests");
}

describe("the keep-build-cache Netlify plugin", () => {
  it("is the plugin netlify.toml loads, with a manifest naming it", async () => {
    const config = parse(await readFile(path.join(ROOT, "netlify.toml"), "utf8")) as { plugins?: { package: string }[] };
    expect(config.plugins?.map((plugin) => plugin.package)).toContain("./netlify/plugins/keep-build-cache");
    expect(await readFile(path.join(ROOT, "netlify/plugins/keep-build-cache/manifest.yml"), "utf8")).toMatch(/^name: keep-build-cache$/m);
  });

  it("moves one build's output, images and private folder into the cache after the deploy, and back into the next fresh checkout", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "keep-build-cache-"));
    scratch.push(root);
    const cacheDir = path.join(root, "cache");
    const first = path.join(root, "checkout-1");
    const constants = { PUBLISH_DIR: "_site", IS_LOCAL: false };
    await mkdir(first);
    // The first build of all: nothing to restore, and the build goes on.
    await onPreBuild({ constants, utils: { cache: netlifyCache(cacheDir, first) } });
    expect(existsSync(path.join(first, "_site"))).toBe(false);
    await builtCheckout(first, "_site");
    await onSuccess({ constants, utils: { cache: netlifyCache(cacheDir, first) } });
    // Moved, not copied: nothing of it is left in the checkout.
    for (const kept of cachedPaths(constants)) expect(existsSync(path.join(first, kept)), kept).toBe(false);

    const second = path.join(root, "checkout-2");
    await mkdir(second);
    await onPreBuild({ constants, utils: { cache: netlifyCache(cacheDir, second) } });
    expect(await readFile(path.join(second, "_site/index.html"), "utf8")).toBe("<!doctype html>");
    expect(await readFile(path.join(second, "_site/pagefind/2016/pagefind-entry.json"), "utf8")).toBe("{}");
    expect(await readFile(path.join(second, ".cache/images/abc-640.webp"), "utf8")).toBe("image");
    expect(await readFile(path.join(second, privateOutputDir("_site"), "rendered-pages.json"), "utf8")).toBe("digests");
  });

  it("leaves a local `netlify build` alone: the author's last output stays where it is", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "keep-build-cache-"));
    scratch.push(root);
    const cacheDir = path.join(root, "cache");
    const checkout = path.join(root, "checkout");
    await builtCheckout(checkout, "_site");
    const constants = { PUBLISH_DIR: "_site", IS_LOCAL: true };
    await onSuccess({ constants, utils: { cache: netlifyCache(cacheDir, checkout) } });
    await onPreBuild({ constants, utils: { cache: netlifyCache(cacheDir, checkout) } });
    expect(await readFile(path.join(checkout, "_site/index.html"), "utf8")).toBe("<!doctype html>");
    expect(existsSync(cacheDir)).toBe(false);
  });

  it("keeps the images' cache where the build keeps it by default (the plugin, plain JavaScript, cannot import the constant)", () => {
    expect(cachedPaths({ PUBLISH_DIR: "_site" })).toContain(IMAGE_CACHE_DIR);
  });

  it("keeps the folder Netlify publishes and the private folder beside it", () => {
    expect(cachedPaths({ PUBLISH_DIR: "/opt/build/repo/public" })).toEqual([
      "/opt/build/repo/public",
      ".cache/images",
      privateOutputDir("/opt/build/repo/public"),
    ]);
  });
});
