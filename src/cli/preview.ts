/**
 * `npm run preview`: serves the built site (_site/, or OUTPUT_DIR) on PORT (default 8080)
 * with netlify.toml's headers and redirects and the build's _redirects, a 404 page with
 * status 404, and /api/replies routed to the reply handler. Run `npm run build` first.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { createApiRoutes } from "../http/preview/api-routes.ts";
import { loadPreviewRules, startPreviewServer } from "../http/preview/server.ts";
import { manifestPathFor } from "../shared/article-manifest.ts";
import { readEnv } from "../shared/env.ts";
import { PROJECT_ROOT, resolveBuildOptions } from "../site/build-options.ts";

const env = readEnv();
const { outputDir, contentDir } = resolveBuildOptions(env);
if (!existsSync(path.join(outputDir, "index.html"))) {
  console.error(`No built site in ${outputDir}: run \`npm run build\` first.`);
  process.exit(1);
}
try {
  const rules = await loadPreviewRules(path.join(PROJECT_ROOT, "netlify.toml"), outputDir);
  const api = createApiRoutes({
    env,
    manifestPath: manifestPathFor(outputDir),
    repoDir: env.REPLY_REPO_DIR ?? process.cwd(),
    contentDir,
  });
  const preview = await startPreviewServer({
    root: outputDir,
    rules,
    api,
    port: env.PORT ?? 8080,
    ...(env.HOST ? { host: env.HOST } : {}),
  });
  console.log(
    `Previewing ${path.relative(process.cwd(), outputDir) || "."} on http://${env.HOST ?? "localhost"}:${preview.port} ` +
      `with netlify.toml's headers and ${rules.redirects.length} redirects (Ctrl-C to stop)`,
  );
} catch (error) {
  console.error(`Preview failed: ${(error as Error).message}`);
  process.exit(1);
}
