/** POST /api/replies on Netlify: configuration in, the shared reply pipeline out. */
import { createReplyHandler, defaultManifestPath } from "../replies/create-reply-handler.ts";
import type { RequestContext } from "../replies/pipeline/reply-deps.ts";
import { readEnv } from "../shared/env.ts";
import { REPLY_ENDPOINT } from "../shared/reply-routes.ts";

const env = readEnv();
// Netlify runs the function from the repository's root, with the manifest bundled beside it.
const repoDir = process.cwd();
const handle = createReplyHandler(env, { manifestPath: defaultManifestPath(env, repoDir), repoDir });

export default async (req: Request, context?: RequestContext): Promise<Response> => handle(req, context);

export const config = { path: REPLY_ENDPOINT };
