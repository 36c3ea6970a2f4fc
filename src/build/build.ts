/**
 * `npm run build`: the site into OUTPUT_DIR (default _site/), search index included.
 * Rendering runs in a child process (render-worker.ts): it loads the content and writes the
 * search documents a shard at a time, then renders, while Pagefind indexes each shard from the
 * moment it is written, where memory allows both at once (src/search/memory-estimates.ts);
 * otherwise it renders and exits, handing its memory back, before Pagefind starts
 * (docs/performance.md).
 */
import { fork } from "node:child_process";
import { availableParallelism, freemem } from "node:os";
import { fileURLToPath } from "node:url";
import { planIndexing } from "../search/memory-estimates.ts";
import { type IndexLanes, indexShards, type WrittenShard } from "../search/search-index.ts";
import { compareShards } from "../search/shards.ts";
import { endsWithUs, stopChildren, stopChildrenOnSignal } from "../shared/child-processes.ts";
import { readEnv } from "../shared/env.ts";
import { KilledError, processExit } from "../shared/process-exit.ts";
import type { ShardManifest } from "../shared/shard-manifest.ts";
import { resolveBuildOptions } from "../site/build-options.ts";
import { createAsyncQueue } from "./async-queue.ts";
import { siteHoldingExecArgv } from "./heap-limit.ts";
import type { RenderMessage, RenderOrder } from "./render-worker.ts";
import { createPhaseTimer, writeTimings } from "./timings.ts";

type Planned = Extract<RenderMessage, { kind: "shards" }>;
type Rendered = Extract<RenderMessage, { kind: "rendered" }>;

/** Every shard made: the manifest, and the shards that were written to be indexed (the others were kept). */
interface Documents {
  manifest: ShardManifest;
  toIndex: WrittenShard[];
}

/** A failure the render process has already reported in full (a bad article, a template error). */
class ReportedFailure extends Error {
  constructor(readonly code: number) {
    super(`the render process exited with ${code}`);
  }
}

function startRenderer() {
  const script = fileURLToPath(new URL("./render-worker.ts", import.meta.url));
  // --expose-gc: the render process collects its garbage between the parts of a large site's render.
  const child = endsWithUs(fork(script, { stdio: "inherit", execArgv: [...siteHoldingExecArgv(), "--expose-gc"] }));
  let rendered: Rendered | undefined;
  let planned: (plan: Planned) => void;
  const plan = new Promise<Planned>((resolve) => (planned = resolve));
  let documentsMade: (documents: Documents) => void;
  const documents = new Promise<Documents>((resolve) => (documentsMade = resolve));
  // Each shard to index as soon as it is written, while the render process makes the next.
  const shards = createAsyncQueue<WrittenShard>();
  const toIndex: WrittenShard[] = [];
  child.on("message", (raw) => {
    const message = raw as RenderMessage;
    if (message.kind === "shards") planned(message);
    else if (message.kind === "shard") {
      toIndex.push(message.shard);
      shards.push(message.shard);
    } else if (message.kind === "documents") {
      shards.end();
      documentsMade({ manifest: message.manifest, toIndex });
    } else rendered = message;
  });
  const finished = processExit(child).then(({ code, signal }): Rendered => {
    if (signal) throw new KilledError("rendering", signal);
    if (code !== 0) throw new ReportedFailure(code ?? 1);
    if (!rendered) throw new Error("the render process ended without saying it had finished");
    return rendered;
  });
  /** `promise`, or the render process's failure if it ends first; handled here too, as it may be awaited late or not at all. */
  const before = <T>(promise: Promise<T>, what: string): Promise<T> => {
    const raced = Promise.race([promise, finished.then(() => Promise.reject(new Error(`the render process ended before ${what}`)))]);
    raced.catch(() => undefined);
    return raced;
  };
  return {
    /** The shards the render process will make, before it makes any. */
    plan: before(plan, "planning the search shards"),
    /** The written shards, as they come. */
    shards,
    /** Every shard made. */
    documents: before(documents, "writing the search documents"),
    render: (order: RenderOrder) => child.send(order),
    finished,
  };
}

stopChildrenOnSignal();
const timer = createPhaseTimer();
const env = readEnv();
const options = resolveBuildOptions(env);
const index = (toIndex: readonly WrittenShard[] | AsyncIterable<WrittenShard>, manifest: Promise<ShardManifest>, lanes: IndexLanes) =>
  // A build without its search index is not a finished build.
  timer
    .time("index", () => indexShards(options.outputDir, toIndex, manifest, lanes))
    .catch((error: Error) => {
      throw new Error(`the search index: ${error.message}`, { cause: error });
    });
/** Says which shards are indexed and how many kept, once every shard is made. */
function reportShards({ manifest, toIndex }: Documents) {
  const kept = manifest.shards.length - toIndex.length;
  if (toIndex.length === 0) {
    console.log("Search index: kept the previous build's, made from the same search documents.");
  } else {
    const names = toIndex
      .map((shard) => shard.name)
      .sort(compareShards)
      .join(", ");
    console.log(
      `Search index: indexing ${names}${kept ? `; kept ${kept} other shard${kept === 1 ? "" : "s"}, made from the same search documents` : ""}.`,
    );
  }
}
let rendered: Rendered;
let alongside = false;
try {
  const renderer = startRenderer();
  const { pagesPerShard, articles } = await renderer.plan;
  const plan = planIndexing({
    articles,
    renderPagesPerRun: options.renderPagesPerRun,
    // Every shard, kept or not: which are kept is known only as each is made.
    pagesPerRun: pagesPerShard,
    availableBytes: freemem(),
    cores: availableParallelism(),
    indexAfterRender: Boolean(env.BROADSHEET_INDEX_AFTER_RENDER),
  });
  alongside = plan.alongside;
  renderer.render({ kind: "render", alongsideIndex: alongside });
  renderer.documents.then(reportShards, () => undefined);
  if (plan.afterRenderBecause) console.log(`Indexing after rendering, not during: ${plan.afterRenderBecause}.`);
  const manifest = renderer.documents.then((documents) => documents.manifest);
  // Awaited only after the runs: a render process that fails first is reported by the catch below.
  manifest.catch(() => undefined);
  if (plan.alongside) {
    // The first Pagefind run starts as soon as its shard is written, while the render process still makes the others.
    const lanes = { lanes: plan.concurrency, atFirst: plan.whileRendering, widenAfter: renderer.finished };
    [rendered] = await Promise.all([renderer.finished, index(renderer.shards, manifest, lanes)]);
  } else {
    rendered = await renderer.finished;
    const { toIndex } = await renderer.documents;
    await index(toIndex, manifest, { lanes: plan.concurrency });
  }
} catch (error) {
  // The other half's work is of no use now.
  stopChildren();
  if (error instanceof ReportedFailure) process.exit(error.code);
  const killed = error instanceof KilledError || (error as Error).cause instanceof KilledError;
  // The free memory was measured once, at the start: something else may have taken it since.
  const hint = killed && alongside ? " BROADSHEET_INDEX_AFTER_RENDER=1 renders before indexing, which needs less memory at once." : "";
  console.error(`Build failed: ${(error as Error).message}${hint ? `.${hint}` : ""}`);
  process.exit(1);
}
const own = timer.finish();
const timings = {
  phases: { ...rendered.phases, ...own.phases },
  totalMs: own.totalMs,
  maxRssBytes: Math.max(own.maxRssBytes, rendered.maxRssBytes),
};
const timingsFile = env.BROADSHEET_TIMINGS_FILE;
if (timingsFile) await writeTimings(timingsFile, timings);
console.log(`Built the site in ${(timings.totalMs / 1000).toFixed(1)} s`);
