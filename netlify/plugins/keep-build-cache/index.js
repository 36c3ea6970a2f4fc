// Netlify builds from a fresh checkout, so without this every build would render every page,
// index every shard of the search index and process every image again. Before the build, this
// puts back what the last build left; after the deploy, it keeps what this build made. The build
// itself decides what is still good, as it does over an author's own last build: a page whose
// digest is unchanged (src/build/kept-pages.ts), a shard whose key matches its documents
// (src/search/), an image whose cached file matches its source, markdown rendered by the same
// code (src/build/kept-renders.ts).
//
// Moved, not copied, both ways, as Netlify's own Gatsby plugin does: a rename costs nothing,
// where a copy of 10,000 articles' pages (300 MB and more) would cost seconds on every build.
// The output can only be moved once it is deployed, so it is kept in onSuccess, which Netlify
// runs after the deploy and only when the build succeeded. A failed build keeps nothing of its
// own: the next one starts from the last successful build's cache (Netlify is reported to save
// it only after a successful build) or, finding none, builds everything; either is correct.
//
// Plain JavaScript, as Netlify loads plugins without a compiler; tested in
// test/unit/keep-build-cache.test.ts against @netlify/cache-utils, the library behind utils.cache.
import path from "node:path";

const MOVE = { move: true };

/**
 * What is kept, relative to the build's base directory: the published folder (pages, search
 * shards, photographs), the processed images' cache, and the private folder beside the published
 * one (.broadsheet/<its name>/: the pages' digests and the rendered markdown; never published).
 */
export function cachedPaths(constants) {
  const publish = constants.PUBLISH_DIR ?? "_site";
  return [publish, path.join(".cache", "images"), path.join(path.dirname(publish), ".broadsheet", path.basename(publish))];
}

/**
 * `netlify build` on an author's machine has its last output where it left it: moving it into
 * Netlify's cache folder there would take the site away from the author.
 */
function onNetlify(constants) {
  if (constants.IS_LOCAL === false) return true;
  console.log("A local build: the last output is already in place, nothing to restore or keep.");
  return false;
}

export async function onPreBuild({ constants, utils }) {
  if (!onNetlify(constants)) return;
  for (const kept of cachedPaths(constants)) {
    const restored = await utils.cache.restore(kept, MOVE);
    console.log(restored ? `Restored ${kept} from the build cache.` : `Nothing in the build cache for ${kept}.`);
  }
}

export async function onSuccess({ constants, utils }) {
  if (!onNetlify(constants)) return;
  for (const kept of cachedPaths(constants)) {
    const saved = await utils.cache.save(kept, MOVE);
    console.log(saved ? `Kept ${kept} in the build cache.` : `Nothing to keep at ${kept}.`);
  }
}
