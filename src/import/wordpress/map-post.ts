/**
 * One WordPress post or page → the text of one markdown file, plus what it needs copied and
 * what the summary should say about it. Pure: files, clocks and the converter come in the context.
 */
import yaml from "js-yaml";
import { toPlainText } from "./html-to-markdown.ts";
import { addParagraphs, expandShortcodes, type GalleryImage, hasBlocks, linkBareUrls, removeBlockComments } from "./shortcodes.ts";
import { readWpDate, toFrontMatterDate } from "./wp-dates.ts";
import type { WxrItem } from "./wxr-types.ts";

/** Where copied uploads live in the content folder, and the URL the body links them at. */
export const MEDIA_DIR = "media";

export interface Attachment {
  id: string;
  url: string;
  /** Path under wp-content/uploads/, e.g. 2016/05/cat.jpg. */
  file: string;
  alt: string;
  caption: string;
  title: string;
}

export interface PostContext {
  timeZone: string;
  /** Login → display name. */
  authors: ReadonlyMap<string, string>;
  attachments: ReadonlyMap<string, Attachment>;
  /** A post's attached images, for a [gallery] without ids. */
  attachmentsByParent: ReadonlyMap<string, readonly Attachment[]>;
  /** The path under uploads of a URL into the old site's uploads folder, else undefined. */
  uploadsPath(url: string): string | undefined;
  /** True when --uploads was given and holds this file. */
  uploadExists(file: string): boolean;
  hasUploads: boolean;
  /** Whether the article schema has the lead-image fields (image, imageAlt, imageCaption). */
  leadImageFields: boolean;
  convert(html: string): string;
}

export type PostState = "published" | "scheduled" | "draft";

export interface MappedItem {
  /** Relative to the content folder, "/" separated. */
  file: string;
  text: string;
  state: PostState;
  /** Paths under uploads to copy to media/. */
  media: string[];
  /** Images not in the uploads folder (or not copied): left pointing where they were. */
  imagesLeft: string[];
  keptShortcodes: string[];
  /** Categories after the first, which became tags. */
  categoriesAsTags: string[];
  /** Why the featured image was not made the lead image, when there was one. */
  featuredSkipped?: string;
}

export class ItemError extends Error {
  override readonly name = "ItemError";
  constructor(item: WxrItem, problem: string) {
    super(`${describeItem(item)}: ${problem}`);
  }
}

export function describeItem(item: WxrItem): string {
  return `${item.postType || "item"} "${item.title.trim() || "(no title)"}" (WordPress id ${item.postId || "?"})`;
}

export function readState(status: string): PostState | undefined {
  if (status === "publish") return "published";
  if (status === "future") return "scheduled";
  if (status === "draft" || status === "pending" || status === "private" || status === "auto-draft") return "draft";
  return undefined;
}

export function mapPost(item: WxrItem, key: string, context: PostContext): MappedItem {
  const state = readState(item.status);
  if (!state) throw new ItemError(item, `status "${item.status}" is not one the importer writes`);
  const published = readWpDate(item.postDateGmt, item.postDate, context.timeZone);
  if (!published) throw new ItemError(item, `no date (wp:post_date "${item.postDate}")`);
  const modified = readWpDate(item.postModifiedGmt, item.postModified, context.timeZone);
  const categories = unique(item.terms.filter((term) => term.domain === "category").map((term) => term.name.trim()));
  const tags = unique([...categories.slice(1), ...item.terms.filter((term) => term.domain === "post_tag").map((term) => term.name.trim())]);
  const body = convertBody(item, context);
  const lead = readLeadImage(item, context);
  const fields: Record<string, unknown> = {
    title: item.title.trim(),
    date: toFrontMatterDate(published, context.timeZone),
    ...(modified && modified.toMillis() > published.toMillis() ? { updated: toFrontMatterDate(modified, context.timeZone) } : {}),
    ...summaryField(item),
    ...(categories[0] ? { category: categories[0] } : {}),
    ...(tags.length ? { tags } : {}),
    ...(item.creator.trim() ? { author: context.authors.get(item.creator.trim()) || item.creator.trim() } : {}),
    ...lead.fields,
    ...(state === "draft" ? { draft: true } : {}),
  };
  const day = published.setZone(context.timeZone).toISODate();
  return {
    ...body,
    media: [...body.media, ...lead.media],
    file: `articles/${day}-${key}.md`,
    text: toMarkdownFile(fields, body.markdown),
    state,
    categoriesAsTags: categories.slice(1),
    ...(lead.skipped ? { featuredSkipped: lead.skipped } : {}),
  };
}

/** A page: content/pages/<slug>.md with title, summary, updated and draft (no date, no taxonomy). */
export function mapPage(item: WxrItem, slug: string, context: PostContext): MappedItem {
  const state = readState(item.status);
  if (!state) throw new ItemError(item, `status "${item.status}" is not one the importer writes`);
  const published = readWpDate(item.postDateGmt, item.postDate, context.timeZone);
  const modified = readWpDate(item.postModifiedGmt, item.postModified, context.timeZone) ?? published;
  const body = convertBody(item, context);
  const fields: Record<string, unknown> = {
    title: item.title.trim(),
    ...summaryField(item),
    ...(modified ? { updated: toFrontMatterDate(modified, context.timeZone) } : {}),
    // Pages have no schedule: a page not yet public stays a draft until someone publishes it.
    ...(state === "published" ? {} : { draft: true }),
  };
  return {
    ...body,
    file: `pages/${slug}.md`,
    text: toMarkdownFile(fields, body.markdown),
    state: state === "published" ? "published" : "draft",
    categoriesAsTags: [],
  };
}

function summaryField(item: WxrItem): { summary?: string } {
  const summary = toPlainText(item.excerpt);
  return summary ? { summary } : {};
}

function convertBody(
  item: WxrItem,
  context: PostContext,
): { markdown: string; media: string[]; imagesLeft: string[]; keptShortcodes: string[] } {
  const raw = item.content;
  const html = hasBlocks(raw) ? linkBareUrls(removeBlockComments(raw)) : addParagraphs(linkBareUrls(raw));
  const expanded = expandShortcodes(html, { galleryImages: (ids) => galleryImages(item, ids, context) });
  const media: string[] = [];
  const imagesLeft: string[] = [];
  const rewritten = expanded.html
    .replace(/\s(?:srcset|sizes)=("[^"]*"|'[^']*')/gi, "")
    .replace(
      /<(img|a)\b([^>]*?)\s(src|href)=("([^"]*)"|'([^']*)')/gi,
      (match, tag: string, before: string, attribute: string, _quoted: string, double?: string, single?: string) => {
        const url = decodeHtmlAttribute(double ?? single ?? "");
        const isImage = tag.toLowerCase() === "img";
        const file = context.uploadsPath(url);
        if (file !== undefined && context.uploadExists(file)) {
          media.push(file);
          return `<${tag}${before} ${attribute}="/${MEDIA_DIR}/${encodeURI(file)}"`;
        }
        if (isImage) imagesLeft.push(url);
        return match;
      },
    );
  let markdown: string;
  try {
    markdown = context.convert(rewritten);
  } catch (error) {
    throw new ItemError(item, `the HTML could not be converted to markdown (${(error as Error).message})`);
  }
  return { markdown, media: unique(media), imagesLeft: unique(imagesLeft), keptShortcodes: expanded.kept };
}

function galleryImages(item: WxrItem, ids: readonly string[], context: PostContext): GalleryImage[] {
  const attachments = ids.length
    ? ids.map((id) => context.attachments.get(id)).filter((a) => a !== undefined)
    : [...(context.attachmentsByParent.get(item.postId) ?? [])];
  return attachments.map((attachment) => ({ url: attachment.url, alt: attachment.alt || attachment.title }));
}

function readLeadImage(item: WxrItem, context: PostContext): { fields: Record<string, string>; media: string[]; skipped?: string } {
  const id = item.meta._thumbnail_id?.trim();
  if (!id) return { fields: {}, media: [] };
  const attachment = context.attachments.get(id);
  if (!attachment) return { fields: {}, media: [], skipped: `attachment ${id} is not in the export` };
  if (!context.leadImageFields) return { fields: {}, media: [], skipped: "this site's article schema has no lead-image field yet" };
  if (!context.hasUploads) return { fields: {}, media: [], skipped: "no --uploads folder given" };
  if (!attachment.file || !context.uploadExists(attachment.file))
    return { fields: {}, media: [], skipped: `${attachment.file || attachment.url} is not in the uploads folder` };
  const alt = attachment.alt.trim() || attachment.title.trim() || item.title.trim();
  const caption = toPlainText(attachment.caption);
  return {
    fields: { image: `${MEDIA_DIR}/${attachment.file}`, imageAlt: alt, ...(caption ? { imageCaption: caption } : {}) },
    media: [attachment.file],
  };
}

function toMarkdownFile(fields: Record<string, unknown>, body: string): string {
  // The core schema is the one the build reads with (src/site/content/front-matter.ts).
  const frontMatter = yaml.dump(fields, { schema: yaml.CORE_SCHEMA, lineWidth: -1, flowLevel: 1, quotingType: '"' });
  return `---\n${frontMatter}---\n\n${body ? `${body}\n` : ""}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value !== ""))];
}

function decodeHtmlAttribute(value: string): string {
  return value.replace(/&amp;/g, "&").replace(/&#0?38;/g, "&");
}
