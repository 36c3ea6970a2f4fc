/**
 * A Netlify deploy's round trip through its build cache, with our plugin
 * (netlify/plugins/keep-build-cache/) and the library behind Netlify's utils.cache: after one
 * deploy the plugin moves the output, the private folder and the images' cache into the cache
 * folder, leaving the checkout as a fresh one; before the next build it moves them back.
 * Netlify's upload and download of its cache folder happen outside the build and are not here.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { bindOpts } from "@netlify/cache-utils";
import { cachedPaths, onPreBuild, onSuccess } from "../netlify/plugins/keep-build-cache/index.js";

export interface CacheRoundTrip {
  /** The plugin's onSuccess, after the deploy: not part of the next build's time. */
  saveMs: number;
  /** The plugin's onPreBuild: part of the next build's time. */
  restoreMs: number;
}

/** checkoutDir holds .cache/images; publishDir is the output folder, as Netlify's PUBLISH_DIR. */
export async function throughNetlifyCache(checkoutDir: string, publishDir: string, cacheDir: string): Promise<CacheRoundTrip> {
  const constants = { PUBLISH_DIR: publishDir, IS_LOCAL: false };
  const utils = { cache: bindOpts({ cacheDir, cwd: checkoutDir }) };
  const timed = async (step: () => Promise<void>) => {
    const started = performance.now();
    await step();
    return Math.round(performance.now() - started);
  };
  const saveMs = await timed(() => onSuccess({ constants, utils }));
  const left = cachedPaths(constants).filter((kept) => existsSync(path.resolve(checkoutDir, kept)));
  if (left.length) throw new Error(`the build cache left ${left.join(", ")} in the checkout: not a fresh checkout`);
  const restoreMs = await timed(() => onPreBuild({ constants, utils }));
  return { saveMs, restoreMs };
}
