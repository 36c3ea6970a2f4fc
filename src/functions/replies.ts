/** POST /api/replies and the signed moderation pages on Netlify: configuration in, the shared handler out. */
import type { Config, Context } from "@netlify/functions";
import { createReplyHandler, defaultManifestPath } from "../replies/create-reply-handler.ts";
import { readEnv } from "../shared/env.ts";
import { MODERATION_ENDPOINT, REPLY_ENDPOINT } from "../shared/reply-routes.ts";

const env = readEnv();
// Netlify runs the function from the repository's root, with the manifest bundled beside it.
const repoDir = process.cwd();
const handle = createReplyHandler(env, { manifestPath: defaultManifestPath(env, repoDir), repoDir });

// Netlify's Context carries the reader's address (context.ip) and waitUntil, which lets a
// moderator's notice finish after the reader has their answer.
export default async (req: Request, context: Context): Promise<Response> => handle(req, context);

export const config: Config = { path: [REPLY_ENDPOINT, MODERATION_ENDPOINT] };
