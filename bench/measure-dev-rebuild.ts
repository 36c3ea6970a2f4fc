/**
 * The dev server's rebuilds: start `npm start`'s server on the corpus and wait for the first
 * build; then edit one article, and time until its page is rewritten and Eleventy has finished
 * the rebuild (when it tells the browser to reload); then commit one approved reply to it, and
 * time the same until the page shows it.
 */
import { spawn } from "node:child_process";
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { replyPath, serializeReplyRecord } from "../src/shared/reply-record.ts";

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

export interface DevRebuild {
  afterEditMs: number;
  afterReplyMs: number;
}

export async function measureDevRebuild(
  contentDir: string,
  outputDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<DevRebuild> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/build/start.ts")], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: contentDir, OUTPUT_DIR: outputDir, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  let original: { source: string; text: string } | undefined;
  let replyFile: string | undefined;
  // Eleventy announces the server on stderr; read both.
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  try {
    await waitFor(async () => (log.includes("Server at") ? true : undefined), 600_000, "the dev server's first build");
    // An author edits a site that is up: wait for the first search-index pass too, which
    // otherwise competes for both cores with the rebuild being measured.
    await waitFor(
      async () => (/Search index(:| failed| not updated)/.test(log) ? true : undefined),
      600_000,
      "the dev server's first search index",
    );
    const [file] = (await readdir(path.join(contentDir, "articles"))).sort();
    const source = path.join(contentDir, "articles", file!);
    original = { source, text: await readFile(source, "utf8") };
    const key = file!.replace(/^\d{4}-\d{2}-\d{2}-/, "").replace(/\.md$/, "");
    const page = path.join(outputDir, "articles", key, "index.html");
    // Eleventy logs "Wrote N files" when a rebuild is done, just before the reload: the page
    // file alone can be written seconds before the author sees it.
    const rebuildsDone = () => log.match(/\[11ty\] Wrote \d+ files/g)?.length ?? 0;
    const pageShows = async (marker: string, before: number, rebuildsBefore: number) =>
      rebuildsDone() > rebuildsBefore && (await stat(page)).mtimeMs > before && (await readFile(page, "utf8")).includes(marker)
        ? true
        : undefined;

    const indexPasses = () => log.match(/Search index(:| failed| not updated)/g)?.length ?? 0;
    const passesBeforeEdit = indexPasses();
    const marker = `bench-edit-${Date.now()}`;
    let before = (await stat(page)).mtimeMs;
    let rebuildsBefore = rebuildsDone();
    const edited = performance.now();
    await appendFile(source, `\n${marker}\n`);
    await waitFor(() => pageShows(marker, before, rebuildsBefore), 600_000, "the edited page");
    const afterEditMs = Math.round(performance.now() - edited);

    // A reply as the pipeline commits it (and a moderator approves it), through the same schema.
    const date = new Date();
    const id = `${date.toISOString().replace(/[-:.]/g, "")}-benchreply`;
    const body = `bench-reply-${Date.now()}`;
    replyFile = path.join(contentDir, replyPath(key, id, "."));
    // Measured alone: after the edit's rebuild and the search re-index that follows it.
    await waitFor(async () => (indexPasses() > passesBeforeEdit ? true : undefined), 600_000, "the search index after the edit");
    before = (await stat(page)).mtimeMs;
    rebuildsBefore = rebuildsDone();
    const replied = performance.now();
    await mkdir(path.dirname(replyFile), { recursive: true });
    await writeFile(
      replyFile,
      serializeReplyRecord({
        id,
        article: key,
        parent: null,
        author: "Bench Reader",
        url: null,
        body,
        date: date.toISOString(),
        status: "approved",
        emailHash: "0".repeat(64),
      }),
    );
    await waitFor(() => pageShows(body, before, rebuildsBefore), 600_000, "the page with the new reply");
    return { afterEditMs, afterReplyMs: Math.round(performance.now() - replied) };
  } finally {
    child.kill("SIGTERM");
    // Leave the corpus as it was, so the next run measures the same content.
    if (original) await writeFile(original.source, original.text);
    if (replyFile) await rm(replyFile, { force: true });
  }
}
