// Netlify builds from a fresh checkout, so without this every build would index every shard
// of the search index and process every image again. Before the build, this puts back what the
// last build kept; after it, it keeps what this build made. The build itself decides what is
// still good: a shard whose key matches its documents (src/search/), an image whose cached
// file matches its source. Plain JavaScript, as Netlify loads plugins without a compiler;
// tested in test/unit/keep-build-cache.test.ts against a fake of utils.cache.
import path from "node:path";

/** The folders kept, relative to the build's base directory. */
export function cachedPaths(constants) {
  return [path.join(constants.PUBLISH_DIR ?? "_site", "pagefind"), path.join(".cache", "images")];
}

export async function onPreBuild({ constants, utils }) {
  for (const kept of cachedPaths(constants)) {
    const restored = await utils.cache.restore(kept);
    console.log(restored ? `Restored ${kept} from the build cache.` : `Nothing in the build cache for ${kept}.`);
  }
}

export async function onPostBuild({ constants, utils }) {
  for (const kept of cachedPaths(constants)) {
    const saved = await utils.cache.save(kept);
    console.log(saved ? `Kept ${kept} in the build cache.` : `Nothing to keep at ${kept}.`);
  }
}
