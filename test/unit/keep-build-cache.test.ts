import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { cachedPaths, type NetlifyCache, onPostBuild, onPreBuild } from "../../netlify/plugins/keep-build-cache/index.js";
import { keptRendersPathFor } from "../../src/build/kept-renders.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Netlify's utils.cache as its documentation describes it: save copies a path (relative to the
 * build's folder) into a cache that outlives the checkout, restore copies it back, and both
 * answer false when there was nothing to copy.
 */
function fakeCache(buildDir: string, cacheDir: string): NetlifyCache & { saved: string[] } {
  const saved: string[] = [];
  return {
    saved,
    async save(kept) {
      const from = path.resolve(buildDir, kept);
      if (!existsSync(from)) return false;
      const to = path.join(cacheDir, path.relative(buildDir, from));
      await rm(to, { recursive: true, force: true });
      await cp(from, to, { recursive: true });
      saved.push(kept);
      return true;
    },
    async restore(kept) {
      const to = path.resolve(buildDir, kept);
      const from = path.join(cacheDir, path.relative(buildDir, to));
      if (!existsSync(from)) return false;
      await cp(from, to, { recursive: true });
      return true;
    },
  };
}

async function writeIn(dir: string, relative: string, text: string) {
  await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
  await writeFile(path.join(dir, relative), text);
}

describe("the keep-build-cache Netlify plugin", () => {
  it("is the plugin netlify.toml loads, with a manifest naming it", async () => {
    const config = parse(await readFile(path.join(ROOT, "netlify.toml"), "utf8")) as { plugins?: { package: string }[] };
    expect(config.plugins?.map((plugin) => plugin.package)).toContain("./netlify/plugins/keep-build-cache");
    expect(await readFile(path.join(ROOT, "netlify/plugins/keep-build-cache/manifest.yml"), "utf8")).toMatch(/^name: keep-build-cache$/m);
  });

  it("keeps the search shards and processed images of one build for the next fresh checkout", async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), "keep-build-cache-"));
    try {
      const cacheDir = path.join(scratch, "cache");
      const first = path.join(scratch, "checkout-1");
      const constants = { PUBLISH_DIR: "_site" };
      await writeIn(first, "_site/pagefind/2016/pagefind-entry.json", "{}");
      await writeIn(first, "_site/pagefind/shards.json", '{"shards":[]}');
      await writeIn(first, "_site/index.html", "<!doctype html>");
      await writeIn(first, ".cache/images/abc-640.webp", "image");
      await writeIn(first, keptRendersPathFor("_site"), "renders");
      const cache = fakeCache(first, cacheDir);
      // The first build of all: nothing to restore, and the build goes on.
      await onPreBuild({ constants, utils: { cache } });
      await onPostBuild({ constants, utils: { cache } });
      expect(cache.saved).toEqual(cachedPaths(constants));

      const second = path.join(scratch, "checkout-2");
      await mkdir(second);
      await onPreBuild({ constants, utils: { cache: fakeCache(second, cacheDir) } });
      expect(await readFile(path.join(second, "_site/pagefind/2016/pagefind-entry.json"), "utf8")).toBe("{}");
      expect(await readFile(path.join(second, ".cache/images/abc-640.webp"), "utf8")).toBe("image");
      expect(await readFile(path.join(second, keptRendersPathFor("_site")), "utf8")).toBe("renders");
      // Only what the next build can reuse: the pages themselves are made again.
      expect(existsSync(path.join(second, "_site/index.html"))).toBe(false);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it("keeps the index of the folder Netlify publishes", () => {
    expect(cachedPaths({ PUBLISH_DIR: "/opt/build/repo/public" })).toEqual([
      "/opt/build/repo/public/pagefind",
      ".cache/images",
      keptRendersPathFor("/opt/build/repo/public"),
    ]);
  });
});
