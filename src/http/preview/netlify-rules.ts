/**
 * netlify.toml and _redirects for the preview server and the tests. Netlify's own parsers
 * (netlify-parsers.ts) read and normalize the rules; this module says which of them the
 * preview can emulate and matches paths against them, which those packages do not do.
 *
 * Supported: `[build]`, `[functions]`, `[[headers]]` (`for`, `values`) and `[[redirects]]`
 * (`from`, `to`, `status` 200/301/302/303/307/308/404, `force`); in _redirects, lines of
 * `from [name=value…] to [status][!]` (query matching with fixed values, as an import's
 * `/ p=123 /articles/key/ 301!` needs). Anything else in a redirect (query placeholders,
 * conditions, proxying to another site, signed or domain-level rules) is an error here, so the
 * preview never silently differs from Netlify.
 */
import { parse as parseToml } from "smol-toml";
import { z } from "zod";
import {
  type NetlifyRedirect,
  NetlifyRulesError,
  normalizeNetlifyHeaders,
  normalizeNetlifyRedirects,
  type Parsed,
  readNetlifyRedirectsFile,
} from "./netlify-parsers.ts";
import { compilePathPattern, type PathPattern } from "./path-pattern.ts";

const SUPPORTED_STATUSES = [200, 301, 302, 303, 307, 308, 404];

const headerValue = z.union([z.string(), z.array(z.string())]);

/** What of netlify.toml the preview reads, and the redirect keys it can emulate: no more. */
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
  /** Query parameters the request must carry with these values; empty for a plain rule. */
  query: Record<string, string>;
}

export interface NetlifyConfig {
  build: { command: string; publish: string; environment: Record<string, string> };
  functionsDirectory: string | undefined;
  headers: HeaderRule[];
  redirects: RedirectRule[];
}

export async function parseNetlifyToml(text: string, source = "netlify.toml"): Promise<NetlifyConfig> {
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
  const { build, functions } = result.data;
  const [headers, redirects] = await Promise.all([
    normalizeNetlifyHeaders((raw as { headers?: unknown[] }).headers ?? [], source),
    normalizeNetlifyRedirects((raw as { redirects?: unknown[] }).redirects ?? [], source),
  ]);
  const headerRules = collect(
    headers.rules.map((rule, index) => ({
      label: `${source}: headers[${index}]`,
      make: () => ({ pattern: compilePathPattern(rule.for, { caseSensitive: false }), values: rule.values }),
    })),
  );
  const redirectRules = collect(
    redirects.rules.map((rule, index) => ({ label: `${source}: redirects[${index}]`, make: () => toRedirectRule(rule) })),
  );
  throwProblems([...headers.problems, ...headerRules.problems, ...redirects.problems, ...redirectRules.problems]);
  return {
    build: { command: build.command, publish: build.publish, environment: build.environment ?? {} },
    functionsDirectory: functions?.directory,
    headers: headerRules.rules,
    redirects: redirectRules.rules,
  };
}

/**
 * The `_redirects` file in the publish folder, read by Netlify's parser: one
 * `from [query] to [status][!] [conditions]` rule a line. Errors name `label:line`.
 */
export async function readRedirectsFile(file: string, label = file): Promise<RedirectRule[]> {
  const parsed = await readNetlifyRedirectsFile(file, label);
  const made = collect(
    parsed.rules.map(({ rule, line }) => ({
      label: line === undefined ? `${label}: ${rule.from}` : `${label}:${line}`,
      make: () => toRedirectRule(rule),
    })),
  );
  throwProblems([...parsed.problems, ...made.problems]);
  return made.rules;
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
export function findRedirect(rules: readonly RedirectRule[], pathname: string, search = new URLSearchParams()): RedirectMatch | undefined {
  for (const rule of rules) {
    if (!Object.entries(rule.query).every(([name, value]) => search.get(name) === value)) continue;
    const params = rule.pattern.match(pathname);
    if (params) {
      const target = rule.to.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => params[name] ?? whole);
      return { rule, target };
    }
  }
  return undefined;
}

/** A rule Netlify accepted, as the preview serves it, or why the preview cannot. */
function toRedirectRule(rule: NetlifyRedirect): RedirectRule {
  const { from, to, force } = rule;
  const status = rule.status ?? 301;
  const unsupported = [
    Object.values(rule.query).some((value) => value.startsWith(":")) && "query placeholders",
    Object.keys(rule.conditions).length > 0 && `conditions (${Object.keys(rule.conditions).join(", ")})`,
    rule.signed !== undefined && "signed rules",
    Object.keys(rule.headers).length > 0 && "headers on a redirect",
    rule.host !== undefined && "a domain-level rule (a full URL in from)",
  ].filter(Boolean);
  if (unsupported.length > 0) throw new Error(`${unsupported.join(", ")}: not supported by the preview`);
  if (!SUPPORTED_STATUSES.includes(status)) {
    throw new Error(`status ${status} is not supported by the preview (${SUPPORTED_STATUSES.join(", ")})`);
  }
  const external = /^[a-z][a-z0-9+.-]*:/i.test(to);
  if (external && (status === 200 || status === 404)) {
    throw new Error(`"${to}": proxying to another site (status ${status}) is not supported by the preview`);
  }
  if (!external && !to.startsWith("/")) throw new Error(`"${to}": a target is a path starting with / or an absolute URL`);
  return { pattern: compilePathPattern(from.trim(), { caseSensitive: true }), to: to.trim(), status, force, query: rule.query };
}

/** Every rule the preview can serve, and a labelled problem for each it cannot. */
function collect<T>(items: { label: string; make: () => T }[]): Parsed<T> {
  const rules: T[] = [];
  const problems: string[] = [];
  for (const { label, make } of items) {
    try {
      rules.push(make());
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
    }
  }
  return { rules, problems };
}

/** All problems at once, in file order where the lines are known. */
function throwProblems(problems: string[]): void {
  if (problems.length === 0) return;
  const lineOf = (problem: string) => Number(/^[^:]*:(\d+):/.exec(problem)?.[1] ?? Number.POSITIVE_INFINITY);
  throw new NetlifyRulesError([...problems].sort((a, b) => lineOf(a) - lineOf(b)));
}
