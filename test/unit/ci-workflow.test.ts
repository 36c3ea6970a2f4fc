/** The GitHub Actions workflow: tests on push and pull request, an hourly build-hook call. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

interface Workflow {
  on: Record<string, unknown> & { schedule: { cron: string }[] };
  jobs: Record<string, { if: string; steps: { run?: string; env?: Record<string, string> }[] }>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const workflow = load(await readFile(path.join(ROOT, ".github/workflows/ci.yml"), "utf8")) as Workflow;
const runs = (job: string) => (workflow.jobs[job]?.steps ?? []).map((step) => step.run ?? "").join("\n");

describe("the CI workflow", () => {
  it("installs Chromium, then runs npm ci and npm test on every push and pull request", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    expect(workflow.jobs.test?.if).toBe("github.event_name == 'push' || github.event_name == 'pull_request'");
    expect(runs("test")).toMatch(/apt-get install -y[^\n]* chromium\nnpm ci\nnpm test/);
  });

  it("calls the build hook hourly from the repository secret, and only on the schedule", () => {
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d{1,2} \* \* \* \*$/) }]);
    expect(workflow.jobs.rebuild?.if).toContain("github.event_name == 'schedule'");
    const step = workflow.jobs.rebuild?.steps.find((s) => s.env?.BUILD_HOOK_URL);
    expect(step?.env?.BUILD_HOOK_URL).toBe("${{ secrets.BUILD_HOOK_URL }}");
    expect(step?.run).toMatch(/curl --fail[^\n]*-X POST/);
    expect(step?.run).not.toMatch(/echo[^\n]*\$\{?BUILD_HOOK_URL/);
  });
});
