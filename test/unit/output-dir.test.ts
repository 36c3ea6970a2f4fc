import { describe, expect, it } from "vitest";
import { checkOutputDir } from "../../src/site/output-dir.ts";

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
