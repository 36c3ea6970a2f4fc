/** Runs `npm run import` the way an editor does (the real CLI in a child process) on a temp folder. */
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FIXTURE_SITE, listFiles, runScript, type ScriptRun } from "../../support/build-site.ts";

export const FIXTURES = path.join(import.meta.dirname, "../fixtures");
export const SECRET = "import-test-secret-do-not-use";

export type ImportRun = ScriptRun;

export function runImport(
  contentDir: string,
  args: readonly string[],
  env: Record<string, string | undefined> = { REPLY_SECRET: SECRET },
): Promise<ImportRun> {
  return runScript("src/cli/import.ts", args, { REPLY_SECRET: undefined, CONTENT_DIR: contentDir, ...env });
}

/** A repository-like folder with content/site.json and an empty articles folder. */
export async function createSiteFolder(): Promise<{ root: string; content: string }> {
  const root = await mkdtemp(path.join(tmpdir(), "broadsheet-import-"));
  const content = path.join(root, "content");
  await mkdir(path.join(content, "articles"), { recursive: true });
  await writeFile(path.join(content, "site.json"), `${JSON.stringify(FIXTURE_SITE, null, 2)}\n`);
  return { root, content };
}

/** Every file under a folder with its bytes, for before/after comparisons. */
export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(dir, file))] as const)));
}
