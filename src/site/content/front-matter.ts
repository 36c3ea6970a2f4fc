/**
 * Splits a markdown file into front matter and body.
 * YAML is read with the core schema: dates stay strings (luxon reads them in the site's
 * time zone, not the YAML parser in UTC) and `no`/`off` stay strings, so `draft: no`
 * is an error instead of silently meaning false.
 */
import yaml from "js-yaml";

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export interface SplitFile {
  data: unknown;
  body: string;
}

export function splitFrontMatter(source: string, file: string): SplitFile {
  const text = source.replace(/^\uFEFF/, "");
  const match = FENCE.exec(text);
  if (!match) {
    throw new Error(`${file}: no front matter: the file must start with a --- block holding at least title and date`);
  }
  let data: unknown;
  try {
    data = yaml.load(match[1] ?? "", { schema: yaml.CORE_SCHEMA, filename: file }) ?? {};
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    const line = error instanceof yaml.YAMLException ? ` (line ${error.mark.line + 2})` : "";
    throw new Error(`${file}: front matter is not valid YAML${line}: ${reason}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new Error(`${file}: front matter must be a set of "field: value" lines`);
  }
  return { data, body: text.slice(match[0].length) };
}
