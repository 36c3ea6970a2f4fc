/**
 * Builds content into a temporary folder with the real build command (src/build/build.ts),
 * the way an author or CI runs it, and reads the output back.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface BuildResult extends ScriptRun {
  outputDir: string;
}

export const FIXTURE_SITE = {
  name: "Fixture Gazette",
  url: "https://gazette.example.org",
  language: "en",
  timeZone: "Europe/London",
  description: "A site made for tests.",
};

/** Writes a content folder: site.json plus articles (file name → full text). */
export async function writeContent(articles: Record<string, string>, site: Record<string, unknown> = FIXTURE_SITE): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-content-"));
  await mkdir(path.join(dir, "articles"));
  await writeFile(path.join(dir, "site.json"), JSON.stringify(site, null, 2));
  await Promise.all(Object.entries(articles).map(([name, text]) => writeFile(path.join(dir, "articles", name), text)));
  return dir;
}

/** Front matter + body, for fixtures. Values are written as YAML flow/plain scalars. */
export function article(fields: Record<string, string | string[] | boolean>, body = "Body text."): string {
  const lines = Object.entries(fields).map(([key, value]) =>
    Array.isArray(value)
      ? `${key}: [${value.map((v) => JSON.stringify(v)).join(", ")}]`
      : `${key}: ${typeof value === "string" ? JSON.stringify(value) : value}`,
  );
  return `---\n${lines.join("\n")}\n---\n\n${body}\n`;
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's commands (`node --import tsx <script> ...args`) to its end, as npm runs it. */
export function runScript(script: string, args: readonly string[], env: Record<string, string | undefined>): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export async function buildSite(contentDir: string, env: Record<string, string> = {}): Promise<BuildResult> {
  const outputDir = await mkdtemp(path.join(tmpdir(), "broadsheet-site-"));
  const run = await runScript("src/build/build.ts", [], { CONTENT_DIR: contentDir, OUTPUT_DIR: outputDir, ...env });
  return { ...run, outputDir };
}

/** Builds into a folder kept between builds, as an author's `npm run build` builds over its last output. */
export function buildInto(contentDir: string, outputDir: string, env: Record<string, string> = {}): Promise<ScriptRun> {
  return runScript("src/build/build.ts", [], { ...env, CONTENT_DIR: contentDir, OUTPUT_DIR: outputDir });
}

/** A content folder built by the real command, for a test file's shared site; remove() deletes both folders. */
export interface BuiltSite {
  contentDir: string;
  build: BuildResult;
  remove(): Promise<void>;
}

/** Builds a content folder as of `now` (BROADSHEET_NOW), failing with the build's own report. */
export async function buildContentFolder(contentDir: string, now: string, name: string): Promise<BuiltSite> {
  const build = await buildSite(contentDir, { BROADSHEET_NOW: now });
  if (build.code !== 0) throw new Error(`${name} build failed:\n${build.stderr}`);
  return {
    contentDir,
    build,
    remove: async () => {
      await rm(contentDir, { recursive: true, force: true });
      await rm(build.outputDir, { recursive: true, force: true });
    },
  };
}

export function readPage(outputDir: string, urlPath: string): Promise<string> {
  const file = urlPath.endsWith("/") ? `${urlPath}index.html` : urlPath;
  return readFile(path.join(outputDir, decodeURI(file)), "utf8");
}

/** Every file readers get, but the search index (its file names depend on the order Pagefind walks the folders). */
export async function readPublishedSite(dir: string): Promise<Record<string, string>> {
  const files = (await listFiles(dir)).filter((file) => !file.startsWith(`pagefind${path.sep}`));
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(path.join(dir, file), "utf8")])));
}

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
