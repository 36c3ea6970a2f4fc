/** The GitHub Actions workflow: tests on push and pull request, an hourly build-hook call. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

interface Job {
  if: string;
  container?: string;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { matrix: { node: number[] } };
  steps: { uses?: string; run?: string; env?: Record<string, string> }[];
}
interface Workflow {
  on: Record<string, unknown> & { schedule: { cron: string }[] };
  jobs: Record<string, Job>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const text = await readFile(path.join(ROOT, ".github/workflows/ci.yml"), "utf8");
const workflow = load(text) as Workflow;
const runs = (job: string) => (workflow.jobs[job]?.steps ?? []).map((step) => step.run ?? "").join("\n");
const packageJson = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8"));

describe("the CI workflow", () => {
  it("installs Chromium, then runs npm ci and npm test on every push and on pull requests from forks", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    // A pull request from a branch of this repository was tested by its push already.
    expect(workflow.jobs.test?.if).toBe(
      "github.event_name == 'push' || (github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name != github.repository)",
    );
    // Chromium for the browser tests, Java for the Nu HTML Checker (test/build/newsroom.test.ts).
    expect(runs("test")).toMatch(/apt-get install -y[^\n]* chromium default-jre-headless\nnpm ci\nnpm test/);
  });

  it("tests on the oldest supported Node (engines), the LTS Netlify runs (.nvmrc) and the next, in Debian's images", async () => {
    const oldest = Number(/^>=(\d+)\.\d+/.exec(packageJson.engines.node)?.[1]);
    const lts = Number((await readFile(path.join(ROOT, ".nvmrc"), "utf8")).trim());
    expect(workflow.jobs.test?.strategy?.matrix.node).toEqual([oldest, lts, 24]);
    expect([oldest, lts]).toEqual([20, 22]);
    expect(workflow.jobs.test?.container).toBe("node:${{ matrix.node }}-bookworm");
  });

  it("cancels a test run that a newer push to the same ref made stale, each Node on its own", () => {
    const concurrency = workflow.jobs.test?.concurrency;
    expect(concurrency?.["cancel-in-progress"]).toBe(true);
    expect(concurrency?.group).toContain("${{ github.ref }}");
    // Without the matrix in the group, the three Node versions would cancel each other.
    expect(concurrency?.group).toContain("${{ matrix.node }}");
  });

  it("pins every action to a full commit, with the version it is in a comment", () => {
    const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(.+)$/gm)].map((match) => match[1]?.trim() ?? "");
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/);
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

describe("Dependabot", () => {
  it("updates npm packages and the workflow's actions every week, in groups", async () => {
    const config = load(await readFile(path.join(ROOT, ".github/dependabot.yml"), "utf8")) as {
      updates: { "package-ecosystem": string; schedule: { interval: string }; groups?: Record<string, unknown> }[];
    };
    expect(config.updates.map((update) => update["package-ecosystem"]).sort()).toEqual(["github-actions", "npm"]);
    for (const update of config.updates) {
      expect(update.schedule.interval).toBe("weekly");
      expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
    }
  });
});
