/**
 * The functions the preview runs, by path: what Netlify routes to src/functions/*.ts.
 * This is the one place the reply handler gets wired into the preview.
 */

import { createReplyHandler } from "../../replies/create-reply-handler.ts";
import type { Env } from "../../shared/env.ts";
import { MODERATION_ENDPOINT, REPLY_ENDPOINT } from "../../shared/reply-routes.ts";
import type { ApiHandler } from "./preview-handler.ts";

export interface ApiRouteContext {
  env: Env;
  /** The built site's broadsheet-manifest.json. */
  manifestPath: string;
  /** The repository replies are committed to (the git store). */
  repoDir: string;
  contentDir: string;
}

/**
 * The preview's own origins (http://localhost:PORT) are not in the built manifest: the
 * Node adapter passes them with each request, by the port the preview really bound.
 */
export function createApiRoutes(context: ApiRouteContext): Record<string, ApiHandler> {
  const replies = createReplyHandler(context.env, {
    manifestPath: context.manifestPath,
    repoDir: context.repoDir,
    contentDir: context.contentDir,
  });
  // One function on Netlify answers both paths (src/functions/replies.ts).
  return { [REPLY_ENDPOINT]: replies, [MODERATION_ENDPOINT]: replies };
}
