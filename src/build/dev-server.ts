/**
 * `npm start`: the dev server with live reload on PORT (default 8080). Drafts and
 * scheduled articles are built and marked, so authors can read them before they go live.
 * POST /api/replies runs the same reply pipeline as the Netlify function, with the git
 * store: a reply is committed to this repository and shows after the rebuild it triggers.
 */
import Eleventy from "@11ty/eleventy";
import { broadsheet } from "../../eleventy.config.ts";
import { answerRepliesOff, describeReplyRepository, findReplyRepository } from "../http/local-replies.ts";
import { createReplyMiddleware, type ReplyHandler } from "../http/node-adapter.ts";
import { createReplyHandler } from "../replies/create-reply-handler.ts";
import { removeSearchLeftovers } from "../search/search-index.ts";
import { manifestPathFor } from "../shared/article-manifest.ts";
import { stopChildrenOnSignal } from "../shared/child-processes.ts";
import { readEnv } from "../shared/env.ts";
import { resolveBuildOptions } from "../site/build-options.ts";
import type { EleventyConfig } from "../site/plugins/eleventy-types.ts";
import { bindDevServerTo } from "./bind-dev-server.ts";

const env = readEnv();
const port = env.PORT ?? 8080;
// The dev server's options: drafts and scheduled articles built and marked, in an output
// folder of its own (.dev-site/, unless OUTPUT_DIR says otherwise).
const options = resolveBuildOptions({ ...env, ELEVENTY_RUN_MODE: "serve" });
const { outputDir, contentDir } = options;
// Replies are committed to the repository that holds the content folder.
const repoDir = await findReplyRepository(contentDir, env.REPLY_REPO_DIR);
console.log(`[broadsheet] ${describeReplyRepository(repoDir, contentDir)}`);
// The accepted origins are the port actually bound (Eleventy moves to the next one when PORT
// is taken): the Node adapter passes them with each request.
const replies: ReplyHandler = repoDir
  ? createReplyHandler(env, { manifestPath: manifestPathFor(outputDir), repoDir, contentDir })
  : answerRepliesOff();
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
stopChildrenOnSignal();
// What a dev server killed mid-index left behind.
await removeSearchLeftovers(outputDir);
await eleventy.init();
// Only this machine unless HOST says otherwise (HOST=0.0.0.0 to test from a phone on the LAN).
await bindDevServerTo(eleventy, env.HOST ?? "127.0.0.1");
await eleventy.watch();
await eleventy.serve(port);
