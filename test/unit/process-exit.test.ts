import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { KilledError, processExit } from "../../src/shared/process-exit.ts";

describe("processExit", () => {
  it("gives the exit code of a process that exits", async () => {
    const exit = await processExit(spawn(process.execPath, ["-e", "process.exit(3)"]));
    expect(exit).toEqual({ code: 3, signal: null });
  });

  it("gives the signal of a process the system killed, and the error says memory is the likely cause", async () => {
    const exit = await processExit(spawn(process.execPath, ["-e", "process.kill(process.pid, 'SIGKILL')"]));
    expect(exit.signal).toBe("SIGKILL");
    expect(new KilledError("Pagefind", exit.signal!).message).toBe("Pagefind was killed (SIGKILL), most likely for running out of memory");
  });

  it("rejects when the program cannot be started", async () => {
    await expect(processExit(spawn("/nonexistent/pagefind"))).rejects.toThrow(/ENOENT/);
  });
});
