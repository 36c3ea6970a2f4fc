import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { processExit } from "../../src/shared/process-exit.ts";
import { ROOT } from "../support/build-site.ts";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("passes SIGTERM on to the children it was told about, then exits as SIGTERM would", async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-children-"));
  const marker = path.join(dir, "child-stopped");
  // The child stands in for Pagefind: it notes that it was told to stop.
  const childScript = `process.on("SIGTERM", () => { require("node:fs").writeFileSync(${JSON.stringify(marker)}, "SIGTERM"); process.exit(0); }); console.log("ready"); setInterval(() => {}, 1000);`;
  const parentScript = `
    import { spawn } from "node:child_process";
    import { endsWithUs, stopChildrenOnSignal } from ${JSON.stringify(path.join(ROOT, "src/shared/child-processes.ts"))};
    stopChildrenOnSignal();
    const child = endsWithUs(spawn(process.execPath, ["-e", ${JSON.stringify(childScript)}], { stdio: ["ignore", "pipe", "inherit"] }));
    child.stdout.once("data", () => console.log("running"));
  `;
  const parent = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", parentScript], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => parent.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("running") && resolve()));
  const exited = processExit(parent);
  parent.kill("SIGTERM");
  expect(await exited).toEqual({ code: 143, signal: null });
  await expect.poll(() => readFile(marker, "utf8").catch(() => "still running")).toBe("SIGTERM");
});
