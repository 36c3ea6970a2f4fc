/**
 * `npm start`: the dev server with live reload on PORT (default 8080). Drafts and
 * scheduled articles are built and marked, so authors can read them before they go live.
 */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { readEnv } from "../shared/env.ts";
import { PROJECT_ROOT } from "../site/build-options.ts";

const env = readEnv();
const port = env.PORT ?? 8080;
const eleventy = new Eleventy(undefined, undefined, {
  configPath: path.join(PROJECT_ROOT, "eleventy.config.ts"),
  runMode: "serve",
  quietMode: true,
});
await eleventy.init();
await eleventy.watch();
await eleventy.serve(port);
