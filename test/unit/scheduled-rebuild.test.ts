import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type BuildHookDeps, triggerBuildHook } from "../../src/deploy/trigger-build-hook.ts";
import scheduledRebuild, { config } from "../../src/functions/scheduled-rebuild.ts";

interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
}

/** A stand-in for Netlify's build hook endpoint, on loopback, answering `status`. */
let hook: { server: Server; url: string; received: ReceivedRequest[]; status: number };

beforeEach(async () => {
  const received: ReceivedRequest[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    received.push({ method: req.method, url: req.url });
    req.resume();
    req.on("end", () => res.writeHead(hook.status).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  hook = { server, url: `http://127.0.0.1:${port}/build_hooks/secret-hook-id`, received, status: 200 };
});
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await new Promise((resolve) => hook.server.close(resolve));
});

function recordingLogger() {
  const lines: { level: "log" | "error"; text: string }[] = [];
  const logger: BuildHookDeps["logger"] = {
    log: (...args: unknown[]) => void lines.push({ level: "log", text: args.join(" ") }),
    error: (...args: unknown[]) => void lines.push({ level: "error", text: args.join(" ") }),
  };
  return { logger, lines };
}

describe("the scheduled rebuild", () => {
  it("POSTs exactly once to the build hook and says so", async () => {
    const { logger, lines } = recordingLogger();
    const result = await triggerBuildHook(hook.url, { fetch, logger });
    expect(result).toEqual({ outcome: "triggered", status: 200 });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.method).toBe("POST");
    expect(hook.received[0]?.url).toMatch(/^\/build_hooks\/secret-hook-id\?trigger_title=Scheduled\+rebuild$/);
    expect(lines).toEqual([{ level: "log", text: expect.stringContaining("Scheduled rebuild requested") }]);
  });

  it("without BUILD_HOOK_URL logs why and sends nothing", async () => {
    const { logger, lines } = recordingLogger();
    const fetchSpy = vi.fn<typeof fetch>();
    expect(await triggerBuildHook(undefined, { fetch: fetchSpy, logger })).toEqual({ outcome: "skipped" });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.text).toMatch(/BUILD_HOOK_URL is not set/);
  });

  it.each([
    ["answers 500", 500, /HTTP 500/],
    ["answers 404 (a deleted hook)", 404, /HTTP 404/],
  ])("reports a hook that %s as a failure, once, without the secret URL", async (_case, status, message) => {
    hook.status = status;
    const { logger, lines } = recordingLogger();
    const result = await triggerBuildHook(hook.url, { fetch, logger });
    expect(result.outcome).toBe("failed");
    expect(hook.received).toHaveLength(1);
    expect(lines).toEqual([{ level: "error", text: expect.stringMatching(message) }]);
    expect(lines[0]?.text).not.toContain("secret-hook-id");
  });

  it("reports an unreachable hook without quoting its URL", async () => {
    const closedUrl = hook.url;
    await new Promise((resolve) => hook.server.close(resolve));
    hook.server = createServer().listen(0, "127.0.0.1"); // closed again in afterEach
    const { logger, lines } = recordingLogger();
    const result = await triggerBuildHook(closedUrl, { fetch, logger });
    expect(result.outcome).toBe("failed");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", text: expect.stringContaining("could not be reached") });
    expect(lines[0]?.text).not.toContain("secret-hook-id");
    expect(lines[0]?.text).not.toContain("127.0.0.1");
  });
});

describe("the Netlify scheduled function", () => {
  it("runs hourly", () => {
    expect(config).toEqual({ schedule: "@hourly" });
  });

  it("reads BUILD_HOOK_URL from the environment and POSTs once", async () => {
    vi.stubEnv("BUILD_HOOK_URL", hook.url);
    vi.spyOn(console, "log").mockImplementation(() => {});
    const response = await scheduledRebuild();
    expect(response.status).toBe(200);
    expect(hook.received.map((request) => request.method)).toEqual(["POST"]);
  });

  it("answers 502 when the hook fails, so the failure shows in Netlify's function log", async () => {
    vi.stubEnv("BUILD_HOOK_URL", hook.url);
    hook.status = 500;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await scheduledRebuild();
    expect(response.status).toBe(502);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/Scheduled rebuild failed: the build hook answered HTTP 500/));
  });

  it("does nothing without BUILD_HOOK_URL", async () => {
    vi.stubEnv("BUILD_HOOK_URL", "");
    const logs = vi.spyOn(console, "log").mockImplementation(() => {});
    const response = await scheduledRebuild();
    expect(await response.json()).toEqual({ outcome: "skipped" });
    expect(hook.received).toEqual([]);
    expect(logs).toHaveBeenCalledWith(expect.stringMatching(/BUILD_HOOK_URL is not set/));
  });
});
