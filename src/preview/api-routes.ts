/**
 * The functions the preview runs, by path: what Netlify routes to src/functions/*.ts.
 * This is the one place the reply handler gets wired into the preview.
 */
import type { Env } from "../shared/env.ts";
import type { ApiHandler } from "./preview-handler.ts";

export interface ApiRouteContext {
  env: Env;
  /** The built site's broadsheet-manifest.json. */
  manifestPath: string;
  /** The repository replies are committed to (the git store). */
  repoDir: string;
  contentDir: string;
}

export function createApiRoutes(context: ApiRouteContext): Record<string, ApiHandler> {
  return {
    // REPLIES MERGE POINT: once src/replies/node-adapter.ts exists, replace the stub with
    //   "/api/replies": createReplyHandler(context.env, { manifestPath: context.manifestPath, repoDir: context.repoDir, contentDir: context.contentDir }),
    "/api/replies": answerNotWired("/api/replies"),
  };
}

/** 501 until the route's handler exists, so a form post says why nothing happened. */
export function answerNotWired(route: string): ApiHandler {
  return async () =>
    Response.json(
      { error: `${route} is not wired into the preview yet: src/preview/api-routes.ts connects it to the reply handler.` },
      { status: 501 },
    );
}
