/**
 * Asks Netlify for a fresh build by POSTing to the site's build hook, which is how the
 * scheduled rebuild publishes scheduled articles and approved replies. The hook URL is a
 * secret (anyone holding it can start builds), so nothing here ever logs it.
 */

export interface BuildHookDeps {
  fetch: typeof globalThis.fetch;
  logger: Pick<Console, "log" | "error">;
  /** How long to wait for the hook to answer. */
  timeoutMs?: number;
}

export type BuildHookResult = { outcome: "skipped" } | { outcome: "triggered"; status: number } | { outcome: "failed"; reason: string };

export const TRIGGER_TITLE = "Scheduled rebuild";

export async function triggerBuildHook(hookUrl: string | undefined, deps: BuildHookDeps): Promise<BuildHookResult> {
  if (!hookUrl) {
    deps.logger.log(
      "Scheduled rebuild skipped: BUILD_HOOK_URL is not set. Create a build hook in Netlify " +
        "(Site configuration → Build & deploy → Build hooks) and set it as BUILD_HOOK_URL for functions.",
    );
    return { outcome: "skipped" };
  }
  let target: URL;
  try {
    target = new URL(hookUrl);
  } catch {
    return fail(deps, "BUILD_HOOK_URL is not a valid URL");
  }
  // Netlify shows this title in the deploy list, so a scheduled build is easy to tell apart.
  target.searchParams.set("trigger_title", TRIGGER_TITLE);
  try {
    const response = await deps.fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
      signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    });
    await response.body?.cancel();
    if (!response.ok) return fail(deps, `the build hook answered HTTP ${response.status}`);
    deps.logger.log(`Scheduled rebuild requested (build hook answered HTTP ${response.status}).`);
    return { outcome: "triggered", status: response.status };
  } catch (error) {
    return fail(deps, `the build hook could not be reached (${describeError(error)})`);
  }
}

function fail(deps: BuildHookDeps, reason: string): BuildHookResult {
  deps.logger.error(`Scheduled rebuild failed: ${reason}.`);
  return { outcome: "failed", reason };
}

/** The error's kind and code only: fetch's messages and causes can quote the URL. */
function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  const name = error instanceof Error ? error.name : "Error";
  return code ? `${name}: ${code}` : name;
}
