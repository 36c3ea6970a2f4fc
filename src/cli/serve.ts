/**
 * `npm start`: the dev server with live reload on PORT (default 8080). Drafts and
 * scheduled articles are built and marked, so authors can read them before they go live.
 * POST /api/replies runs the same reply pipeline as the Netlify function, with the git
 * store: a reply is committed to this repository and shows after the rebuild it triggers.
 */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { MANIFEST_FILE } from "../shared/article-manifest.ts";
import { readEnv } from "../shared/env.ts";
import { createReplyHandler } from "../replies/create-reply-handler.ts";
import { createReplyMiddleware } from "../replies/node-adapter.ts";
import { currentBuildOptions, PROJECT_ROOT } from "../site/build-options.ts";
import type { EleventyConfig } from "../site/eleventy-types.ts";

const env = readEnv();
const port = env.PORT ?? 8080;
const { outputDir, contentDir } = currentBuildOptions();
const replies = createReplyHandler(env, {
  manifestPath: path.join(outputDir, MANIFEST_FILE),
  repoDir: env.REPLY_REPO_DIR ?? PROJECT_ROOT,
  contentDir,
  extraOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
});
const eleventy = new Eleventy(undefined, undefined, {
  configPath: path.join(PROJECT_ROOT, "eleventy.config.ts"),
  runMode: "serve",
  quietMode: true,
  config(eleventyConfig: EleventyConfig) {
    eleventyConfig.setServerOptions({ middleware: [createReplyMiddleware(replies)] });
  },
});
await eleventy.init();
await eleventy.watch();
await eleventy.serve(port);
