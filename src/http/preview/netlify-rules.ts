/**
 * netlify.toml and _redirects, read the way Netlify reads them, for the preview server and
 * the tests. Pure: text in, rules out; a path in, headers or a redirect out.
 *
 * Supported: `[build]`, `[functions]`, `[[headers]]` (`for`, `values`) and `[[redirects]]`
 * (`from`, `to`, `status` 200/301/302/303/307/308/404, `force`); in _redirects, lines of
 * `from to [status][!]`. Anything else in a redirect (query matching, conditions, proxying
 * to another site, signed rules) is an error here, so the preview never silently differs
 * from Netlify.
 */
import { parse as parseToml } from "smol-toml";
import { z } from "zod";
import { compilePathPattern, type PathPattern } from "./path-pattern.ts";

const SUPPORTED_STATUSES = [200, 301, 302, 303, 307, 308, 404];

const headerValue = z.union([z.string(), z.array(z.string())]);

const netlifyTomlSchema = z.object({
  build: z.object({
    command: z.string().min(1),
    publish: z.string().min(1),
    environment: z.record(z.string(), z.string()).optional(),
  }),
  functions: z.object({ directory: z.string().min(1) }).optional(),
  redirects: z
    .array(
      z.strictObject({
        from: z.string(),
        to: z.string(),
        status: z.number().int().default(301),
        force: z.boolean().default(false),
      }),
    )
    .default([]),
  headers: z.array(z.strictObject({ for: z.string(), values: z.record(z.string(), headerValue) })).default([]),
});

export interface HeaderRule {
  pattern: PathPattern;
  /** Header name → value, multi-value headers already joined as Netlify joins them. */
  values: Record<string, string>;
}

export interface RedirectRule {
  pattern: PathPattern;
  to: string;
  status: number;
  /** Applies even when a file exists at the path (Netlify's "shadowing" is off). */
  force: boolean;
}

export interface NetlifyConfig {
  build: { command: string; publish: string; environment: Record<string, string> };
  functionsDirectory: string | undefined;
  headers: HeaderRule[];
  redirects: RedirectRule[];
}

export function parseNetlifyToml(text: string, source = "netlify.toml"): NetlifyConfig {
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (error) {
    throw new Error(`${source}: not valid TOML (${(error as Error).message})`);
  }
  const result = netlifyTomlSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${source}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  const { build, functions, headers, redirects } = result.data;
  return {
    build: { command: build.command, publish: build.publish, environment: build.environment ?? {} },
    functionsDirectory: functions?.directory,
    headers: headers.map((rule, index) =>
      withSource(`${source}: headers[${index}]`, () => ({
        pattern: compilePathPattern(rule.for.trim(), { caseSensitive: false }),
        values: Object.fromEntries(Object.entries(rule.values).map(([name, value]) => [name.trim(), normalizeValue(value)])),
      })),
    ),
    redirects: redirects.map((rule, index) =>
      withSource(`${source}: redirects[${index}]`, () => toRedirectRule(rule.from, rule.to, rule.status, rule.force)),
    ),
  };
}

/** The `_redirects` file in the publish folder: one `from to [status][!]` rule a line. */
export function parseRedirectsFile(text: string, source = "_redirects"): RedirectRule[] {
  const rules: RedirectRule[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const words = line.replace(/(^|\s)#.*$/, "").trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    withSource(`${source}:${index + 1}`, () => {
      const [from, to, status = "301", ...rest] = words;
      if (!to || rest.length > 0) throw new Error("expected `from to [status]` (query and condition rules are not supported)");
      const code = /^(\d{3})(!?)$/.exec(status);
      if (!code) throw new Error(`"${status}" is not a status like 301 or 200!`);
      rules.push(toRedirectRule(from!, to, Number(code[1]), code[2] === "!"));
    });
  });
  return rules;
}

/**
 * The headers every matching rule sets for a path, in rule order. Netlify does not document
 * which value wins when two matching rules set one header; the preview joins them with
 * ", " so the clash shows, and `findOverlappingHeaders` lets a test forbid it.
 */
export function findHeaders(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const merged = new Map<string, { name: string; value: string }>();
  for (const rule of rules) {
    if (!rule.pattern.match(pathname)) continue;
    for (const [name, value] of Object.entries(rule.values)) {
      const seen = merged.get(name.toLowerCase());
      merged.set(name.toLowerCase(), seen ? { name: seen.name, value: `${seen.value}, ${value}` } : { name, value });
    }
  }
  return Object.fromEntries([...merged.values()].map(({ name, value }) => [name, value]));
}

/** Header names (lower case) that more than one matching rule sets for a path. */
export function findOverlappingHeaders(rules: readonly HeaderRule[], pathname: string): string[] {
  const counts = new Map<string, number>();
  for (const rule of rules.filter((candidate) => candidate.pattern.match(pathname))) {
    for (const name of Object.keys(rule.values)) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([name]) => name);
}

export interface RedirectMatch {
  rule: RedirectRule;
  /** The rule's `to`, with `:splat` and `:name` filled in. */
  target: string;
}

/** The first rule whose `from` matches: Netlify stops at the first match. */
export function findRedirect(rules: readonly RedirectRule[], pathname: string): RedirectMatch | undefined {
  for (const rule of rules) {
    const params = rule.pattern.match(pathname);
    if (params) {
      const target = rule.to.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => params[name] ?? whole);
      return { rule, target };
    }
  }
  return undefined;
}

function toRedirectRule(from: string, to: string, status: number, force: boolean): RedirectRule {
  if (!SUPPORTED_STATUSES.includes(status)) {
    throw new Error(`status ${status} is not supported by the preview (${SUPPORTED_STATUSES.join(", ")})`);
  }
  const external = /^[a-z][a-z0-9+.-]*:/i.test(to);
  if (external && (status === 200 || status === 404)) {
    throw new Error(`"${to}": proxying to another site (status ${status}) is not supported by the preview`);
  }
  if (!external && !to.startsWith("/")) throw new Error(`"${to}": a target is a path starting with / or an absolute URL`);
  return { pattern: compilePathPattern(from.trim(), { caseSensitive: true }), to: to.trim(), status, force };
}

/** Netlify's normalisation: a list joins with ", ", and so does a multi-line comma list. */
function normalizeValue(value: string | string[]): string {
  const values = Array.isArray(value) ? value : [value];
  return values.map((one) => one.trim().split(/\s*,\s*/).join(", ")).join(", ");
}

function withSource<T>(source: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`);
  }
}
