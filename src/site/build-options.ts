/** Where the build reads and writes, and what it publishes, resolved once from the environment. */
import path from "node:path";
import { DateTime } from "luxon";
import type { Env } from "../shared/env.ts";

export interface BuildOptions {
  /** Absolute path of the content folder (articles/, site.json, replies/). */
  contentDir: string;
  outputDir: string;
  /** Absolute path of the layouts and partials. */
  includesDir: string;
  /** Dev server: drafts and scheduled articles are built and marked. */
  includeUnpublished: boolean;
  /** What "now" is for scheduling; injectable so tests need no sleeps. */
  now: DateTime;
  siteUrl: string | undefined;
  /** Absolute path of the processed-image cache, kept between builds (Netlify's build cache keeps it too). */
  imageCacheDir: string;
  /** Netlify's DEPLOY_URL and DEPLOY_PRIME_URL: their pages may post replies too (the manifest lists their origins). */
  deployUrls: string[];
  /** Turnstile's public site key: the reply form renders the widget when set. */
  turnstileSiteKey: string | undefined;
}

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

export function resolveBuildOptions(env: Env, cwd = process.cwd()): BuildOptions {
  const now = env.BROADSHEET_NOW ? DateTime.fromISO(env.BROADSHEET_NOW, { setZone: true }) : DateTime.now();
  if (!now.isValid) {
    throw new Error(`BROADSHEET_NOW: expected an ISO 8601 date-time, got "${env.BROADSHEET_NOW}"`);
  }
  return {
    contentDir: path.resolve(cwd, env.CONTENT_DIR ?? "content"),
    outputDir: path.resolve(cwd, env.OUTPUT_DIR ?? "_site"),
    includesDir: path.join(PROJECT_ROOT, "_includes"),
    includeUnpublished: env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch",
    now,
    siteUrl: env.SITE_URL,
    imageCacheDir: path.resolve(cwd, env.BROADSHEET_IMAGE_CACHE ?? path.join(PROJECT_ROOT, ".cache/images")),
    deployUrls: [env.DEPLOY_URL, env.DEPLOY_PRIME_URL].filter((url): url is string => url !== undefined),
    turnstileSiteKey: env.TURNSTILE_SITE_KEY,
  };
}
