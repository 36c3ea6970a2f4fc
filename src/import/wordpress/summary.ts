/** What an import did and what it left out, and the text the command prints about it. */
import type { WriteResult } from "../write-files.ts";
import type { CommentSkip } from "./map-comments.ts";
import { describeItem, type MappedItem, readState } from "./map-post.ts";
import type { WxrItem } from "./wxr-types.ts";

export interface ImportSummary {
  articles: { published: number; scheduled: number; draft: number };
  pages: { published: number; draft: number };
  replies: { approved: number; pending: number };
  trustedRepliers: number;
  media: number;
  redirects: number;
  flattenedReplies: number;
  skipped: {
    trash: number;
    revisions: number;
    attachments: number;
    otherStatus: Record<string, number>;
    otherTypes: Record<string, number>;
    comments: Record<CommentSkip, number>;
    pageComments: number;
    commentsOfSkippedItems: number;
    commentsOfFailedItems: number;
  };
  /** Shortcode name → the items that still hold it as text. */
  shortcodes: Record<string, string[]>;
  imagesLeft: string[];
  categoriesAsTags: string[];
  featuredSkipped: string[];
  redirectsKept: string[];
  /** Items and comments that could not be converted: reported, not written. */
  problems: string[];
  write: WriteResult;
}

export function emptySummary(): ImportSummary {
  return {
    articles: { published: 0, scheduled: 0, draft: 0 },
    pages: { published: 0, draft: 0 },
    replies: { approved: 0, pending: 0 },
    trustedRepliers: 0,
    media: 0,
    redirects: 0,
    flattenedReplies: 0,
    skipped: {
      trash: 0,
      revisions: 0,
      attachments: 0,
      otherStatus: {},
      otherTypes: {},
      comments: { spam: 0, trash: 0, pingback: 0, trackback: 0, "other-type": 0, invalid: 0 },
      pageComments: 0,
      commentsOfSkippedItems: 0,
      commentsOfFailedItems: 0,
    },
    shortcodes: {},
    imagesLeft: [],
    categoriesAsTags: [],
    featuredSkipped: [],
    redirectsKept: [],
    problems: [],
    write: { written: [], unchanged: [], kept: [], replaced: [] },
  };
}

/** Lists are cut to this many lines on screen (problems never are); the counts are always whole. */
const SHOWN = 10;

export function formatSummary(summary: ImportSummary): string {
  const { articles, pages, replies, skipped, write } = summary;
  const lines = [
    `Imported: ${articles.published} published articles, ${articles.scheduled} scheduled, ${articles.draft} drafts; ${pages.published} pages (${pages.draft} drafts);`,
    `  ${replies.approved} approved replies, ${replies.pending} pending; ${summary.trustedRepliers} trusted repliers; ${summary.media} media files; ${summary.redirects} new redirects.`,
    `Files: ${write.written.length} written, ${write.unchanged.length} unchanged, ${write.replaced.length} replaced (--force), ${write.kept.length} kept as they were.`,
  ];
  const skips = [
    count(skipped.trash, "posts and pages in the trash"),
    count(skipped.revisions, "revisions (only the current text is imported)"),
    count(skipped.attachments, "attachment items (their files are copied where a post uses them)"),
    ...Object.entries(skipped.otherStatus).map(([status, n]) => count(n, `posts with status "${status}"`)),
    ...Object.entries(skipped.otherTypes).map(([type, n]) => count(n, `items of type "${type}" (menus, blocks, plugins' own types)`)),
    count(skipped.comments.spam, "spam comments"),
    count(skipped.comments.trash, "comments in the trash"),
    count(skipped.comments.pingback, "pingbacks"),
    count(skipped.comments.trackback, "trackbacks"),
    count(skipped.comments["other-type"], "comments of plugins' own types"),
    count(skipped.comments.invalid, "comments with no date or no text"),
    count(skipped.pageComments, "comments on pages (pages take no replies)"),
    count(skipped.commentsOfSkippedItems, "comments on skipped items"),
    count(skipped.commentsOfFailedItems, "comments on items that could not be imported"),
  ].filter((line) => line !== "");
  if (skips.length) lines.push("Skipped:", ...skips.map((line) => `  ${line}`));
  if (summary.flattenedReplies)
    lines.push(`Threads: ${summary.flattenedReplies} replies deeper than the site allows now hang on the deepest allowed reply.`);
  section(lines, "Categories after an item's first became tags", summary.categoriesAsTags);
  section(lines, "Featured images not made lead images", summary.featuredSkipped);
  section(lines, "Images left pointing at their old address (not in --uploads, or no --uploads given)", summary.imagesLeft);
  for (const [name, items] of Object.entries(summary.shortcodes).sort()) section(lines, `Shortcode [${name}] kept as text`, items);
  section(lines, "Files that exist with other content, kept as they were (run with --force to replace them)", write.kept);
  section(lines, "Redirects in content/redirects.json kept as they were (--force replaces them)", summary.redirectsKept);
  section(lines, "Problems: these were not imported", summary.problems, Infinity);
  return `${lines.join("\n")}\n`;
}

function count(n: number, what: string): string {
  return n > 0 ? `${n} ${what}` : "";
}

function section(lines: string[], title: string, items: readonly string[], shown = SHOWN): void {
  if (items.length === 0) return;
  lines.push(`${title} (${items.length}):`, ...items.slice(0, shown).map((item) => `  ${item}`));
  if (items.length > shown) lines.push(`  … and ${items.length - shown} more`);
}

/** Counts the items the importer does not write (attachments, revisions, trash, menus…). */
export function countSkippedItems(items: readonly WxrItem[], summary: ImportSummary): void {
  for (const item of items) {
    const type = item.postType;
    if (type === "attachment") summary.skipped.attachments += 1;
    else if (type === "revision") summary.skipped.revisions += 1;
    else if (type === "post" || type === "page") {
      if (!readState(item.status)) {
        summary.skipped.trash += item.status === "trash" ? 1 : 0;
        if (item.status !== "trash") summary.skipped.otherStatus[item.status] = (summary.skipped.otherStatus[item.status] ?? 0) + 1;
        summary.skipped.commentsOfSkippedItems += item.comments.length;
      }
    } else {
      summary.skipped.otherTypes[type] = (summary.skipped.otherTypes[type] ?? 0) + 1;
      summary.skipped.commentsOfSkippedItems += item.comments.length;
    }
  }
}

/** Counts an imported item and keeps what the summary lists about it. */
export function recordItem(summary: ImportSummary, item: WxrItem, mapped: MappedItem): void {
  const name = describeItem(item);
  if (item.postType === "post") summary.articles[mapped.state] += 1;
  else summary.pages[mapped.state === "published" ? "published" : "draft"] += 1;
  for (const shortcode of mapped.keptShortcodes) {
    const items = summary.shortcodes[shortcode] ?? [];
    items.push(name);
    summary.shortcodes[shortcode] = items;
  }
  for (const url of mapped.imagesLeft) summary.imagesLeft.push(`${name}: ${url}`);
  if (mapped.categoriesAsTags.length) summary.categoriesAsTags.push(`${name}: ${mapped.categoriesAsTags.join(", ")}`);
  if (mapped.featuredSkipped) summary.featuredSkipped.push(`${name}: ${mapped.featuredSkipped}`);
}
