/** Reads content/redirects.json (an importer's old addresses) through the shared schema. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseRedirectsFile, REDIRECTS_JSON, type RedirectRule } from "../../shared/redirects-file.ts";

/** The rules, or none when the file does not exist. A bad file stops the build, naming the rule. */
export async function readRedirectsFile(contentDir: string): Promise<RedirectRule[]> {
  const file = path.join(contentDir, REDIRECTS_JSON);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseRedirectsFile(json, file);
}
