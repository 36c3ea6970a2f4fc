/**
 * Browser scripts are TypeScript under src/client/, bundled by esbuild into one ES module
 * per entry at build time. Pagefind's own files stay outside the bundle: they are loaded
 * from /pagefind/ when the reader searches, not before.
 */
import path from "node:path";
import { build } from "esbuild";
import { PROJECT_ROOT } from "../build-options.ts";

export const CLIENT_DIR = path.join(PROJECT_ROOT, "src", "client");

/** Bundles src/client/<name>.ts; the output does not depend on the machine or the time. */
export async function bundleScript(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(CLIENT_DIR, entry)],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    external: ["/pagefind/*"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
