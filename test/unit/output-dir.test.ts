import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutputDir, setAsideOutputDir } from "../../src/build/output-dir.ts";

describe("checkOutputDir", () => {
  const project = "/work/site";
  const content = "/work/site/content";
  it.each([["/work/site/_site"], ["/tmp/out"], ["/work/site-output"]])("lets the build empty %s", (dir) => {
    expect(() => checkOutputDir(dir, [project, content])).not.toThrow();
  });
  it.each([["/work/site"], ["/work"], ["/"], ["/work/site/content"]])("refuses %s, which holds the project or its content", (dir) => {
    expect(() => checkOutputDir(dir, [project, content])).toThrow(/would contain/);
  });
});

describe("setAsideOutputDir", () => {
  it("leaves nothing of the previous build where the new one is written, then removes it all", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "broadsheet-output-"));
    const output = path.join(parent, "_site");
    try {
      for (const dir of ["articles/old-story", "drafts-only", ".previous-build-k1ll3d/articles"])
        await mkdir(path.join(output, dir), { recursive: true });
      await writeFile(path.join(output, "articles/old-story/index.html"), "old");
      await writeFile(path.join(output, "index.html"), "old home");
      const setAside = await setAsideOutputDir(output, [path.join(parent, "project")]);
      const names = await readdir(output);
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(/^\.previous-build-/);
      expect(await readdir(path.join(setAside.previous, "articles"))).toEqual(["old-story"]);
      await setAside.remove();
      expect(await readdir(output)).toEqual([]);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("makes the folder when there is none yet", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "broadsheet-output-"));
    try {
      await (await setAsideOutputDir(path.join(parent, "new/_site"), [])).remove();
      expect(await readdir(path.join(parent, "new/_site"))).toEqual([]);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("touches nothing when the folder holds the project", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "broadsheet-output-"));
    try {
      await writeFile(path.join(parent, "package.json"), "{}");
      await expect(setAsideOutputDir(parent, [parent])).rejects.toThrow(/would contain/);
      expect(await readdir(parent)).toEqual(["package.json"]);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
