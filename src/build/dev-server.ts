/**
 * `npm start`: the dev server with live reload on PORT (default 8080). Drafts and
 * scheduled articles are built and marked, so authors can read them before they go live.
 * POST /api/replies runs the same reply pipeline as the Netlify function, with the git
 * store: a reply is committed to this repository and shows after the rebuild it triggers.
 */
import Eleventy from "@11ty/eleventy";
import { broadsheet } from "../../eleventy.config.ts";
import { createReplyMiddleware, type ReplyHandler } from "../http/node-adapter.ts";
import { createReplyHandler } from "../replies/create-reply-handler.ts";
import { prefersJson } from "../replies/pipeline/read-request.ts";
import { ReplyError } from "../replies/pipeline/reply-error.ts";
import { respondRejected } from "../replies/pipeline/respond.ts";
import { findRepositoryRoot } from "../replies/stores/git-commands.ts";
import { removeSearchLeftovers } from "../search/search-index.ts";
import { manifestPathFor } from "../shared/article-manifest.ts";
import { readEnv } from "../shared/env.ts";
import { resolveBuildOptions } from "../site/build-options.ts";
import type { EleventyConfig } from "../site/plugins/eleventy-types.ts";
import { bindDevServerTo } from "./bind-dev-server.ts";
import { stopChildrenOnSignal } from "./child-processes.ts";

const env = readEnv();
const port = env.PORT ?? 8080;
// Drafts and scheduled articles are built and marked under the dev server.
const options = { ...resolveBuildOptions(env), includeUnpublished: true };
const { outputDir, contentDir } = options;
// Replies are committed to the repository that holds the content folder.
const repoDir = env.REPLY_REPO_DIR ?? (await findRepositoryRoot(contentDir));
// The accepted origins are the port actually bound (Eleventy moves to the next one when PORT
// is taken): the Node adapter passes them with each request.
const replies: ReplyHandler = repoDir
  ? createReplyHandler(env, { manifestPath: manifestPathFor(outputDir), repoDir, contentDir })
  : answerWithoutRepository(contentDir);
// No config file: eleventy.config.ts's configuration, with the dev server's options.
const eleventy = new Eleventy(contentDir, outputDir, {
  configPath: false,
  runMode: "serve",
  quietMode: true,
  config(eleventyConfig: EleventyConfig) {
    broadsheet({ options, indexing: "after-build" })(eleventyConfig);
    eleventyConfig.setServerOptions({ middleware: [createReplyMiddleware(replies)] });
  },
});
/** The site still serves; only posting a reply says what is missing. */
function answerWithoutRepository(dir: string): ReplyHandler {
  console.warn(`Replies are off: ${dir} is not in a git repository (git init there, or set REPLY_REPO_DIR).`);
  return async (request) => respondRejected(new ReplyError("store_unavailable"), prefersJson(request), undefined);
}

stopChildrenOnSignal();
// What a dev server killed mid-index left behind.
await removeSearchLeftovers(outputDir);
await eleventy.init();
// Only this machine unless HOST says otherwise (HOST=0.0.0.0 to test from a phone on the LAN).
await bindDevServerTo(eleventy, env.HOST ?? "127.0.0.1");
await eleventy.watch();
await eleventy.serve(port);
