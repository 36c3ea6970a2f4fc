/** Turns a zod issue into the sentence an author reads: the field, then what was expected. */
import type { z } from "zod";

/** Every problem a failed parse found, one sentence each, so an author fixes them in one pass. */
export function describeIssues(error: z.ZodError, input?: unknown): string[] {
  return error.issues.map((issue) => describeIssue(issue, input));
}

export function describeIssue(issue: z.core.$ZodIssue, input?: unknown): string {
  const field = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => `unknown field "${formatPath([...issue.path, key])}" (check its spelling)`).join("; ");
  }
  if (isMissing(input, issue.path)) {
    return `field "${field}" is required: ${issue.message}`;
  }
  return `field "${field}": ${issue.message}`;
}

function isMissing(input: unknown, segments: readonly PropertyKey[]): boolean {
  if (input === undefined || segments.length === 0) return false;
  let node: unknown = input;
  for (const segment of segments) {
    if (node === null || typeof node !== "object" || !(segment in node)) return true;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return false;
}

function formatPath(segments: readonly PropertyKey[]): string {
  return (
    segments
      .map((segment, index) => (typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`))
      .join("") || "(root)"
  );
}
