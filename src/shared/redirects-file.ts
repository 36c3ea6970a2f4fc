/**
 * content/redirects.json: old addresses that cannot be worked out from the articles (an
 * imported site's /?p=123, its permalinks, category, tag and author archives). One schema:
 * the importer writes the file through it and the build reads it through it, then puts the
 * rules in _redirects before its own.
 */
import { z } from "zod";
import { describeIssue } from "./describe-issue.ts";

export const REDIRECTS_JSON = "redirects.json";

/** A site path ("/2016/05/slug/"), or the home page with one query parameter ("/?p=123"). */
const FROM = /^\/(?:\?[A-Za-z0-9_-]+=[^\s&#]+|[^\s?#]*)$/;
/** A path on this site: no scheme, no spaces. */
const TO = /^\/[^\s]*$/;

export const redirectRuleSchema = z.strictObject({
  from: z.string().regex(FROM, 'expected a path starting with "/" or "/?name=value", without spaces'),
  to: z.string().regex(TO, 'expected a path on this site starting with "/", without spaces'),
  status: z.literal([301, 302], "expected 301 or 302"),
});

export const redirectsFileSchema = z.array(redirectRuleSchema, { error: "expected a list of { from, to, status } rules" });

export type RedirectRule = z.infer<typeof redirectRuleSchema>;

/** Validates a parsed file; every bad rule is named in one error. */
export function parseRedirectsFile(json: unknown, file: string): RedirectRule[] {
  const result = redirectsFileSchema.safeParse(json);
  if (result.success) return result.data;
  throw new Error(result.error.issues.map((issue) => `${file}: ${describeIssue(issue, json)}`).join("\n"));
}

export function serializeRedirectsFile(rules: readonly RedirectRule[]): string {
  return `${JSON.stringify(
    rules.map(({ from, to, status }) => ({ from, to, status })),
    null,
    2,
  )}\n`;
}

/**
 * The rule as a _redirects line. Netlify matches a query parameter as "from name=value to";
 * such a rule is forced ("!"): the home page exists, and an unforced rule never shadows a file.
 */
export function toRedirectLine(rule: RedirectRule): string {
  const query = /^\/\?([^=]+)=(.*)$/.exec(rule.from);
  return query ? `/ ${query[1]}=${query[2]} ${rule.to} ${rule.status}!` : `${rule.from} ${rule.to} ${rule.status}`;
}
