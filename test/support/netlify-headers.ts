/** netlify.toml's header rules, read straight from the file (not through the preview's code). */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "smol-toml";
import { ROOT } from "./build-site.ts";

export interface HeaderRule {
  for: string;
  values: Record<string, string>;
}

export async function readTomlHeaders(): Promise<HeaderRule[]> {
  const toml = parse(await readFile(path.join(ROOT, "netlify.toml"), "utf8")) as unknown as { headers: HeaderRule[] };
  return toml.headers;
}

/** The Content-Security-Policy every static page is served with. */
export async function readSiteCsp(): Promise<string> {
  const csp = (await readTomlHeaders()).find((rule) => rule.for === "/*")?.values["Content-Security-Policy"];
  if (!csp) throw new Error("netlify.toml has no Content-Security-Policy for /*");
  return csp;
}
