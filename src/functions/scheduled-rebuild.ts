/**
 * Netlify scheduled function: every hour, ask for a fresh build so scheduled articles go
 * live and approved replies appear. Without BUILD_HOOK_URL it logs why and does nothing.
 */
import type { Config } from "@netlify/functions";
import { triggerBuildHook } from "../deploy/trigger-build-hook.ts";
import { readEnv } from "../shared/env.ts";

export default async function scheduledRebuild(): Promise<Response> {
  const result = await triggerBuildHook(readEnv().BUILD_HOOK_URL, { fetch, logger: console });
  return Response.json(result, { status: result.outcome === "failed" ? 502 : 200 });
}

export const config: Config = { schedule: "@hourly" };
