/** Helpers for tests that start the project's own commands as child processes. */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT } from "./build-site.ts";

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

export interface RunningCommand {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <script>` and resolves once its output contains `readyText`. */
export async function startCommand(
  script: string,
  env: Record<string, string>,
  readyText: string,
  timeoutMs = 120_000,
): Promise<RunningCommand> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const running: RunningCommand = {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  await waitUntil(() => output.includes(readyText) || child.exitCode !== null, timeoutMs, `${script} to print "${readyText}"`);
  if (child.exitCode !== null) throw new Error(`${script} exited early:\n${output}`);
  return running;
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
