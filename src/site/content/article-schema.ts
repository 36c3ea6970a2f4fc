/**
 * The one schema every article's front matter passes. Unknown fields are errors so a
 * typo (`dat:`) fails the build instead of rendering "undefined".
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { describeIssues } from "../../shared/describe-issue.ts";

const DATE_EXAMPLE = "an ISO date like 2016-05-12 or 2016-05-12T09:30:00+08:00";

const isoDate = z.string({ error: `expected ${DATE_EXAMPLE}` });

export const frontMatterSchema = z.strictObject({
  title: z.string({ error: "expected the headline as text" }).trim().min(1, "expected a non-empty headline"),
  date: isoDate,
  summary: z.string({ error: "expected one or two sentences of text" }).trim().min(1).optional(),
  category: z.string({ error: "expected one category name as text" }).trim().min(1).optional(),
  tags: z
    .array(z.string({ error: "expected each tag as text" }).trim().min(1, "expected a non-empty tag"), {
      error: "expected a list, e.g. tags: [Alibaba, IACC]",
    })
    .default([]),
  author: z.string({ error: "expected the author's name as text" }).trim().min(1).optional(),
  source: z.string({ error: "expected the outlet's name as text" }).trim().min(1).optional(),
  updated: isoDate.optional(),
  draft: z.boolean({ error: "expected true or false (without quotes)" }).default(false),
  replies: z.enum(["open", "closed"], { error: 'expected "open" or "closed"' }).default("open"),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** Validates front matter; throws one error naming the file and every bad field. */
export function parseFrontMatter(
  data: unknown,
  file: string,
  timeZone: string,
): FrontMatter & {
  published: DateTime;
  modified: DateTime | undefined;
} {
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    throw new Error(
      describeIssues(result.error, data)
        .map((problem) => `${file}: ${problem}`)
        .join("\n"),
    );
  }
  const published = parseDate(result.data.date, timeZone, file, "date");
  const modified = result.data.updated === undefined ? undefined : parseDate(result.data.updated, timeZone, file, "updated");
  if (modified && modified < published) {
    throw new Error(`${file}: field "updated": expected a date on or after "date" (${result.data.date})`);
  }
  return { ...result.data, published, modified };
}

/** Date-only values mean the start of that day in the site's time zone. */
export function parseDate(value: string, timeZone: string, file: string, field: string): DateTime {
  const parsed = DateTime.fromISO(value, { zone: timeZone, setZone: true });
  if (!parsed.isValid) {
    const why = parsed.invalidExplanation ? ` (${parsed.invalidExplanation})` : "";
    throw new Error(`${file}: field "${field}": expected ${DATE_EXAMPLE}, got "${value}"${why}`);
  }
  return parsed.setZone(timeZone);
}
