/**
 * The dev server's rebuild after an author edits one article: start `npm start`'s server on
 * the corpus, wait for the first build, edit one article, and time until its page is rewritten.
 */
import { spawn } from "node:child_process";
import { appendFile, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = path.resolve(import.meta.dirname, "..");

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function measureDevRebuild(contentDir: string, outputDir: string, port: number): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/serve.ts")], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: contentDir, OUTPUT_DIR: outputDir, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  let original: { source: string; text: string } | undefined;
  // Eleventy announces the server on stderr; read both.
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  try {
    await waitFor(async () => (log.includes("Server at") ? true : undefined), 600_000, "the dev server's first build");
    // An author edits a site that is up: wait for the first search-index pass too, which
    // otherwise competes for both cores with the rebuild being measured.
    await waitFor(async () => (/Search index(:| failed)/.test(log) ? true : undefined), 600_000, "the dev server's first search index");
    const [file] = (await readdir(path.join(contentDir, "articles"))).sort();
    const source = path.join(contentDir, "articles", file!);
    original = { source, text: await readFile(source, "utf8") };
    const key = file!.replace(/^\d{4}-\d{2}-\d{2}-/, "").replace(/\.md$/, "");
    const page = path.join(outputDir, "articles", key, "index.html");
    const marker = `bench-edit-${Date.now()}`;
    const before = (await stat(page)).mtimeMs;
    const edited = performance.now();
    await appendFile(source, `\n${marker}\n`);
    await waitFor(async () => ((await stat(page)).mtimeMs > before && (await readFile(page, "utf8")).includes(marker) ? true : undefined), 600_000, "the edited page");
    return Math.round(performance.now() - edited);
  } finally {
    child.kill("SIGTERM");
    // Leave the corpus as it was, so the next run measures the same content.
    if (original) await writeFile(original.source, original.text);
  }
}
