// Netlify builds from a fresh checkout, so without this every build would index every shard
// of the search index and process every image again. Before the build, this puts back what the
// last build kept; after it, it keeps what this build made. The build itself decides what is
// still good: a shard whose key matches its documents (src/search/), an image whose cached
// file matches its source, markdown rendered by the same code. Plain JavaScript, as Netlify loads plugins without a compiler;
// tested in test/unit/keep-build-cache.test.ts against a fake of utils.cache.
import path from "node:path";

/**
 * What is kept, relative to the build's base directory: the search shards, the processed
 * images, and the markdown the last build rendered with its date labels (beside the
 * published folder, never in it: src/build/kept-renders.ts).
 */
export function cachedPaths(constants) {
  const publish = constants.PUBLISH_DIR ?? "_site";
  return [
    path.join(publish, "pagefind"),
    path.join(".cache", "images"),
    path.join(path.dirname(publish), ".broadsheet", path.basename(publish), "rendered-markdown.bin"),
  ];
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
