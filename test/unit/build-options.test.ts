import path from "node:path";
import { describe, expect, it } from "vitest";
import { readEnv } from "../../src/shared/env.ts";
import { resolveBuildOptions as resolveFrom } from "../../src/site/build-options.ts";

const resolveBuildOptions = (env: Record<string, string>, cwd: string) => resolveFrom(readEnv(env), cwd);

describe("output folders", () => {
  const cwd = "/work/newsroom";

  it("gives the dev server a folder of its own, so builds and the preview never see its drafts", () => {
    const dev = resolveBuildOptions({ ELEVENTY_RUN_MODE: "serve" }, cwd);
    const build = resolveBuildOptions({ ELEVENTY_RUN_MODE: "build" }, cwd);
    const preview = resolveBuildOptions({}, cwd);
    expect(dev.outputDir).toBe(path.join(cwd, ".dev-site"));
    expect(dev.includeUnpublished).toBe(true);
    expect(build.outputDir).toBe(path.join(cwd, "_site"));
    expect(preview.outputDir).toBe(build.outputDir);
    expect(build.includeUnpublished).toBe(false);
  });

  it("lets OUTPUT_DIR choose either", () => {
    expect(resolveBuildOptions({ ELEVENTY_RUN_MODE: "serve", OUTPUT_DIR: "out" }, cwd).outputDir).toBe(path.join(cwd, "out"));
  });
});
