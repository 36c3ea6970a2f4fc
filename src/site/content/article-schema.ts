/**
 * The one schema every article's front matter passes. Unknown fields are errors so a
 * typo (`dat:`) fails the build instead of rendering "undefined".
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { describeIssues } from "../../shared/describe-issue.ts";
import type { MediaCheck } from "../media/check-media.ts";
import { resolveImageReference } from "../media/image-reference.ts";

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
  image: z
    .string({ error: "expected a path to a photograph in the content folder, e.g. media/2016/05/alibaba-hq.jpg" })
    .trim()
    .min(1, "expected a path to a photograph in the content folder, e.g. media/2016/05/alibaba-hq.jpg")
    .optional(),
  imageAlt: z
    .string({ error: "expected a description of the photograph for readers who cannot see it" })
    .trim()
    .min(1, "expected a non-empty description of the photograph")
    .optional(),
  imageCaption: z.string({ error: "expected the caption as text" }).trim().min(1).optional(),
  imageCredit: z.string({ error: "expected the photographer or agency as text" }).trim().min(1).optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/**
 * Validates front matter; throws one error naming the file and every bad field.
 * @param checkMedia checks that the lead image exists and is a photograph (left out by tests
 *   of the other fields); its problem is reported with the schema's.
 */
export function parseFrontMatter(
  data: unknown,
  file: string,
  timeZone: string,
  checkMedia?: MediaCheck,
): FrontMatter & {
  published: DateTime;
  modified: DateTime | undefined;
} {
  const result = frontMatterSchema.safeParse(data);
  const imageProblems = checkImageFields(data as Record<string, unknown>, checkMedia);
  if (!result.success || imageProblems.length > 0) {
    const problems = result.success ? [] : describeIssues(result.error, data);
    throw new Error([...problems, ...imageProblems].map((problem) => `${file}: ${problem}`).join("\n"));
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

/**
 * The lead image's fields that depend on each other, and its file. Read from the raw data,
 * so they are reported beside every other field's problems (zod skips refinements then).
 */
function checkImageFields(data: Record<string, unknown>, checkMedia: MediaCheck | undefined): string[] {
  const problems: string[] = [];
  const has = (field: string) => data[field] !== undefined && data[field] !== null;
  if (has("image") && !has("imageAlt")) {
    problems.push(
      `field "imageAlt" is required with "image": expected a description of the photograph for readers who cannot see it, e.g. imageAlt: "Alibaba's headquarters in Hangzhou"`,
    );
  }
  for (const field of ["imageAlt", "imageCaption", "imageCredit"]) {
    if (has(field) && !has("image")) problems.push(`field "${field}": expected only with "image" (the photograph it describes)`);
  }
  const fileProblem = checkLeadImageFile(data.image, checkMedia);
  if (fileProblem) problems.push(`field "image": ${fileProblem}`);
  return problems;
}

function checkLeadImageFile(image: unknown, checkMedia: MediaCheck | undefined): string | undefined {
  if (!checkMedia || typeof image !== "string" || image.trim() === "") return undefined;
  const reference = resolveImageReference(image, "");
  if (reference.kind === "external")
    return `expected a file in the content folder (made into sizes for every screen), got the URL "${image}": save it under media/ and give its path`;
  if (reference.kind === "invalid") return reference.reason;
  return checkMedia(reference.path);
}
