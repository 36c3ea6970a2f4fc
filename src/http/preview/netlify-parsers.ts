/**
 * Netlify's own parsers (the packages its build uses) behind the shapes the preview needs:
 * `_redirects` lines and netlify.toml rules in, normalized rules out, each error labelled
 * with the file and the line or rule it came from. They neither match paths nor say what a
 * local server can emulate: netlify-rules.ts does both.
 *
 * Versions 15 and 9: the last majors that support Node 20 (later ones require Node 22.12).
 */
import { readFile } from "node:fs/promises";
import { type MinimalHeader, parseAllHeaders } from "@netlify/headers-parser";
import { parseAllRedirects } from "@netlify/redirect-parser";
import { z } from "zod";

/** A redirect as Netlify's parser leaves it (non-minimal form). */
const netlifyRedirectSchema = z.object({
  from: z.string(),
  /** Query parameters the request must carry (`from  key=value  to` in _redirects). */
  query: z.record(z.string(), z.string()).default({}),
  to: z.string(),
  status: z.number().int().optional(),
  force: z.boolean().default(false),
  conditions: z.record(z.string(), z.unknown()).default({}),
  signed: z.string().optional(),
  headers: z.record(z.string(), z.unknown()).default({}),
  /** Set when `from` is a full URL: a domain-level rule. */
  host: z.string().optional(),
  proxy: z.boolean().default(false),
});
export type NetlifyRedirect = z.infer<typeof netlifyRedirectSchema>;

export interface NetlifyHeader {
  for: string;
  /** Header name → value, lists already joined with ", " as Netlify joins them. */
  values: Record<string, string>;
}

/** One problem, labelled `file:line` or `file: rule`. */
export class NetlifyRulesError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

/** Rules Netlify's parser accepted, and its problems with the others. */
export interface Parsed<T> {
  rules: T[];
  problems: string[];
}

/**
 * A `_redirects` file, parsed by Netlify's parser, with the line each rule came from (for
 * errors). Netlify drops exact duplicates keeping the last; first match still wins.
 */
export async function readNetlifyRedirectsFile(
  file: string,
  label: string,
): Promise<Parsed<{ rule: NetlifyRedirect; line: number | undefined }>> {
  // Netlify's parser reads the file by path; we read it too, to point errors at lines.
  const [{ redirects, errors }, text] = await Promise.all([
    parseAllRedirects({ redirectsFiles: [file], configRedirects: [], minimal: false }),
    readFile(file, "utf8"),
  ]);
  const lines = text.split("\n").map((line) => line.trim().split(/\s+/));
  const lineOf = (rule: { from?: unknown; to?: unknown }) => {
    const candidates = lines.flatMap((words, index) => (words[0] === rule.from ? [index + 1] : []));
    return candidates.find((line) => lines[line - 1]?.includes(String(rule.to))) ?? candidates[0];
  };
  const rules = redirects.map((raw) => {
    const rule = netlifyRedirectSchema.parse(raw);
    return { rule, line: lineOf(rule) };
  });
  return { rules, problems: errors.map((error) => describeError(error, label, lineOf)) };
}

/** netlify.toml's `[[redirects]]` tables, normalized by Netlify's parser, in order. */
export async function normalizeNetlifyRedirects(configRedirects: readonly unknown[], label: string): Promise<Parsed<NetlifyRedirect>> {
  // Typed string[] by the package, but it takes the tables as parsed from TOML (its own
  // netlify.toml reader passes them straight through).
  const { redirects, errors } = await parseAllRedirects({
    redirectsFiles: [],
    configRedirects: [...configRedirects] as string[],
    minimal: false,
  });
  return {
    rules: redirects.map((raw) => netlifyRedirectSchema.parse(raw)),
    problems: errors.map((error) => describeError(error, label, () => undefined)),
  };
}

/** netlify.toml's `[[headers]]` tables, normalized by Netlify's parser, in order. */
export async function normalizeNetlifyHeaders(configHeaders: readonly unknown[], label: string): Promise<Parsed<NetlifyHeader>> {
  // Typed as already normalized by the package, but it takes the tables as parsed from TOML
  // (a value may still be a list, or a multi-line string) and normalizes them itself.
  const { headers, errors } = await parseAllHeaders({
    headersFiles: [],
    configHeaders: [...configHeaders] as MinimalHeader[],
    minimal: true,
  });
  return {
    rules: headers.map(({ for: pattern, values }) => ({ for: pattern, values })),
    problems: errors.map((error) => describeError(error, label, () => undefined)),
  };
}

/**
 * Netlify's messages name a line ("Could not parse redirect line 2:\n  <line>\n<why>") or a
 * rule's position among the parsed ones ("… redirect number 3:\n  <json>\n<why>"): keep the
 * why, and label it with the file and line, as the rest of the project's errors are.
 */
function describeError(error: Error, label: string, lineOf: (rule: { from?: unknown; to?: unknown }) => number | undefined): string {
  const [head = "", subject = "", ...why] = error.message.split("\n");
  const reason = why.join(" ").trim() || head;
  const byLine = /^Could not parse redirect line (\d+):$/.exec(head);
  if (byLine) return `${label}:${byLine[1]}: ${reason}`;
  if (/^Could not parse (redirect|header) number \d+:$/.test(head)) {
    const rule = parseJson(subject.trim());
    const line = rule ? lineOf(rule) : undefined;
    return line === undefined ? `${label}: ${subject.trim()}: ${reason}` : `${label}:${line}: ${reason}`;
  }
  return `${label}: ${error.message}`;
}

function parseJson(text: string): { from?: unknown; to?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
