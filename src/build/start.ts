/**
 * `npm start`: the dev server (serve.ts), in a process with room for the whole site
 * (heap-limit.ts). This process only waits for it, and passes on a kill.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";
import { endsWithUs, stopChildrenOnSignal } from "../shared/child-processes.ts";
import { processExit } from "../shared/process-exit.ts";
import { siteHoldingExecArgv } from "./heap-limit.ts";

const serve = fileURLToPath(new URL("./dev-server.ts", import.meta.url));
const server = endsWithUs(spawn(process.execPath, [...siteHoldingExecArgv(), serve], { stdio: "inherit" }));
stopChildrenOnSignal();
// Ctrl-C: stay until the dev server has stopped, so the prompt does not come back under its
// last lines. The terminal signals it too (one process group); passing it on covers a kill.
process.on("SIGINT", () => server.kill("SIGINT"));
const { code, signal } = await processExit(server);
process.exit(code ?? 128 + constants.signals[signal!]);
