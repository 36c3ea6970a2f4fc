/** content/redirects.json after an import: the rules already there, then the import's new ones. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseRedirectsFile, REDIRECTS_JSON, type RedirectRule } from "../../shared/redirects-file.ts";

export interface MergedRedirects {
  rules: RedirectRule[];
  /** Rules the import adds or (with force) changes. */
  added: number;
  /** Existing rules the import would have changed, kept (without force). */
  kept: string[];
}

/** Rules already in content/redirects.json stay; ours are added. A clash is kept unless force. */
export async function mergeRedirects(contentDir: string, ours: readonly RedirectRule[], force: boolean): Promise<MergedRedirects> {
  const file = path.join(contentDir, REDIRECTS_JSON);
  const text = await readFile(file, "utf8").catch(() => undefined);
  const existing = text === undefined ? [] : parseRedirectsFile(JSON.parse(text), file);
  const byFrom = new Map(existing.map((rule) => [rule.from, rule]));
  let added = 0;
  const kept: string[] = [];
  for (const rule of ours) {
    const old = byFrom.get(rule.from);
    if (old && old.to !== rule.to && !force) {
      kept.push(`${rule.from} → ${old.to} (the import would send it to ${rule.to})`);
      continue;
    }
    if (!old || old.to !== rule.to) added += 1;
    byFrom.set(rule.from, rule);
  }
  return { rules: [...byFrom.values()], added, kept };
}
