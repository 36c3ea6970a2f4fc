/** Finding a URL's file in the publish folder the way Netlify does, and its content type. */
import { stat } from "node:fs/promises";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** Files Netlify reads as configuration and never serves. */
const CONFIG_FILES = new Set(["/_redirects", "/_headers"]);

export type StaticLookup =
  | { kind: "file"; file: string }
  /** A folder with an index.html asked for without its trailing slash. */
  | { kind: "add-slash"; location: string }
  | { kind: "none" };

/**
 * `/a/` → a/index.html; `/a.css` → a.css; `/a` → a.html if there is one, else a 301 to
 * `/a/` when a/index.html exists. Paths that escape the folder are never looked up.
 */
export async function findStaticFile(root: string, pathname: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: "none" };
  }
  if (CONFIG_FILES.has(decoded) || decoded.includes("\0")) return { kind: "none" };
  const resolved = path.resolve(root, `.${decoded}`);
  if (resolved !== root && !resolved.startsWith(`${root}${path.sep}`)) return { kind: "none" };
  if (decoded.endsWith("/")) {
    return (await isFile(path.join(resolved, "index.html"))) ? { kind: "file", file: path.join(resolved, "index.html") } : { kind: "none" };
  }
  if (await isFile(resolved)) return { kind: "file", file: resolved };
  if (await isFile(`${resolved}.html`)) return { kind: "file", file: `${resolved}.html` };
  if (await isFile(path.join(resolved, "index.html"))) return { kind: "add-slash", location: `${pathname}/` };
  return { kind: "none" };
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
