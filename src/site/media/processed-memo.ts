/**
 * The memo of processed photographs, `processed.json` in the image cache folder: for each
 * source, what the file was (size, mtime, SHA-256 of its bytes), the settings it was made with,
 * and what eleventy-img made of it. eleventy-img finds a cached photograph by hashing its bytes,
 * so a build with nothing to encode still read, hashed and inspected every source (1.0–1.5 s for
 * 1,000 photographs); with the memo an unchanged one costs a stat. One schema for the writer
 * and the reader. The memo is only ever a shortcut: a missing or bad one means processing
 * everything, as without it.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { sha256 } from "../../shared/sha256.ts";
import { writeByRename } from "../../shared/write-by-rename.ts";
import type { ResponsiveImage } from "./responsive-image.ts";

export const MEMO_FILE = "processed.json";

const responsiveImageSchema: z.ZodType<ResponsiveImage> = z.object({
  src: z.string(),
  width: z.number(),
  height: z.number(),
  sources: z.array(z.object({ type: z.string(), srcset: z.string() })),
  fallback: z.object({ url: z.string(), srcset: z.string(), type: z.string() }),
  largest: z.object({ url: z.string(), width: z.number(), height: z.number(), bytes: z.number() }),
  smallest: z.object({ url: z.string(), width: z.number(), height: z.number() }),
});

const memoEntrySchema = z.object({
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** `settingsKey` of what the files were made with. */
  settings: z.string(),
  image: responsiveImageSchema,
});

export const processedMemoSchema = z.object({
  /** By content-relative path of the source. */
  photographs: z.record(z.string(), memoEntrySchema),
});

export type MemoEntry = z.infer<typeof memoEntrySchema>;

export interface ReadMemo {
  entries: ReadonlyMap<string, MemoEntry>;
  /** The file's text as read, so an unchanged memo is not written again. */
  text: string | undefined;
}

/** What a build may do with a photograph's entry. */
export type MemoVerdict = "reuse" | "compare-bytes" | "process";

/**
 * Same size and mtime: the same file, as make and git's index assume. Same size, another mtime
 * (a fresh checkout gives every file a new one, as on Netlify): the bytes decide.
 * @param outputsCached every file the entry names is in the cache folder.
 */
export function judgeMemoEntry(
  entry: MemoEntry | undefined,
  file: { size: number; mtimeMs: number },
  settings: string,
  outputsCached: boolean,
): MemoVerdict {
  if (entry === undefined || entry.settings !== settings || !outputsCached || entry.size !== file.size) return "process";
  return entry.mtimeMs === file.mtimeMs ? "reuse" : "compare-bytes";
}

/** A short hash of the settings files are made with, keys sorted: any change makes every entry stale. */
export function settingsKey(settings: unknown): string {
  return sha256(toSortedJson(settings), "hex").slice(0, 16);
}

export async function readProcessedMemo(file: string): Promise<ReadMemo> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  const parsed = processedMemoSchema.safeParse(parseJson(text));
  return { entries: new Map(parsed.success ? Object.entries(parsed.data.photographs) : []), text };
}

/** Writes the memo (whole, then renamed into place) unless it would be the same text. */
export async function writeProcessedMemo(
  file: string,
  entries: ReadonlyMap<string, MemoEntry>,
  previous: string | undefined,
): Promise<void> {
  const memo: z.infer<typeof processedMemoSchema> = { photographs: Object.fromEntries(entries) };
  const text = `${toSortedJson(memo)}\n`;
  if (text !== previous) await writeByRename(file, text);
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON with every object's keys in order: the same memo is always the same text. */
function toSortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
