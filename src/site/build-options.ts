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
  /** Pages one Eleventy run of `npm run build` renders: a larger site is rendered in parts (src/build/render-worker.ts). */
  renderPagesPerRun: number;
}

/** What `npm run build` writes and `npm run preview` serves and Netlify publishes. */
export const BUILD_OUTPUT_DIR = "_site";
/**
 * What `npm start` writes: a folder of its own (gitignored), so a build while the dev server
 * runs does not pull its pages away, and the dev server's drafts never reach a build's
 * folder, the preview or a deploy (issue 13).
 */
export const DEV_OUTPUT_DIR = ".dev-site";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

/** The processed images' cache, relative to the project; the Netlify build plugin keeps it by this path. */
export const IMAGE_CACHE_DIR = path.join(".cache", "images");

/**
 * Pages rendered by one Eleventy run unless BROADSHEET_PAGES_PER_RUN says otherwise. Eleventy
 * keeps every page it renders until the run ends; each run costs about a second of its own.
 */
export const RENDER_PAGES_PER_RUN = 25_000;

export function resolveBuildOptions(env: Env, cwd = process.cwd()): BuildOptions {
  const now = env.BROADSHEET_NOW ? DateTime.fromISO(env.BROADSHEET_NOW, { setZone: true }) : DateTime.now();
  if (!now.isValid) {
    throw new Error(`BROADSHEET_NOW: expected an ISO 8601 date-time, got "${env.BROADSHEET_NOW}"`);
  }
  const devServer = env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch";
  return {
    contentDir: path.resolve(cwd, env.CONTENT_DIR ?? "content"),
    outputDir: path.resolve(cwd, env.OUTPUT_DIR ?? (devServer ? DEV_OUTPUT_DIR : BUILD_OUTPUT_DIR)),
    includesDir: path.join(PROJECT_ROOT, "_includes"),
    includeUnpublished: devServer,
    now,
    siteUrl: env.SITE_URL,
    imageCacheDir: path.resolve(cwd, env.BROADSHEET_IMAGE_CACHE ?? path.join(PROJECT_ROOT, IMAGE_CACHE_DIR)),
    deployUrls: [env.DEPLOY_URL, env.DEPLOY_PRIME_URL].filter((url): url is string => url !== undefined),
    turnstileSiteKey: env.TURNSTILE_SITE_KEY,
    renderPagesPerRun: env.BROADSHEET_PAGES_PER_RUN ?? RENDER_PAGES_PER_RUN,
  };
}
