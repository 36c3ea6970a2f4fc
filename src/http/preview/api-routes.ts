/**
 * The functions the preview runs, by path: what Netlify routes to src/functions/*.ts.
 * This is the one place the reply handler gets wired into the preview.
 */

import { createReplyHandler } from "../../replies/create-reply-handler.ts";
import type { Env } from "../../shared/env.ts";
import { REPLY_ENDPOINT } from "../../shared/reply-routes.ts";
import type { ApiHandler } from "./preview-handler.ts";

export interface ApiRouteContext {
  env: Env;
  /** The built site's broadsheet-manifest.json. */
  manifestPath: string;
  /** The repository replies are committed to (the git store). */
  repoDir: string;
  contentDir: string;
  /** The preview's own origins (http://localhost:PORT), which the built manifest does not list. */
  extraOrigins: readonly string[];
}

export function createApiRoutes(context: ApiRouteContext): Record<string, ApiHandler> {
  return {
    [REPLY_ENDPOINT]: createReplyHandler(context.env, {
      manifestPath: context.manifestPath,
      repoDir: context.repoDir,
      contentDir: context.contentDir,
      extraOrigins: context.extraOrigins,
    }),
  };
}
