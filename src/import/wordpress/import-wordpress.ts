/**
 * `npm run import -- wordpress export.xml`: read the export, map every item, validate every
 * file with the build's own parsers, then write the lot through the staging writer. Nothing
 * is written when the export cannot be read; an item that cannot be converted is reported
 * and left out, with its comments.
 */
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { replyPath, serializeReplyRecord, trustedReplierPath, type ReplyRecord } from "../../shared/reply-record.ts";
import { REDIRECTS_JSON, parseRedirectsFile, serializeRedirectsFile, type RedirectRule } from "../../shared/redirects-file.ts";
import { ARTICLES_DIR, parseArticleSource } from "../../site/content/load-articles.ts";
import { frontMatterSchema } from "../../site/content/article-schema.ts";
import { parseReplySource } from "../../site/content/load-replies.ts";
import { loadSite } from "../../site/content/site-metadata.ts";
import { splitFrontMatter } from "../../site/content/front-matter.ts";
import { MAX_THREAD_DEPTH } from "../../shared/reply-routes.ts";
import { contentFolderReplySink, replyFile, type ReplySink } from "../reply-sink.ts";
import { writeFiles, type PlannedFile } from "../write-files.ts";
import { createArticleConverter, createReplyConverter } from "./html-to-markdown.ts";
import { assignKeys, decodeSlug, makeKey } from "./item-keys.ts";
import { mapComments } from "./map-comments.ts";
import { ItemError, MEDIA_DIR, describeItem, mapPage, mapPost, readState, type Attachment, type MappedItem, type PostContext } from "./map-post.ts";
import { mapRedirects, type PublishedItem } from "./map-redirects.ts";
import { readWxrFile } from "./read-wxr.ts";
import { emptySummary, type ImportSummary } from "./summary.ts";
import type { WxrExport, WxrItem } from "./wxr-types.ts";

/** Top-level paths the build itself serves: a WordPress page with one of these slugs gets `-<id>`. */
const SITE_SECTIONS = ["articles", "tags", "category", "archive", "authors", "search", "feed", "replies", "assets", "pagefind", "media", "api"];

export interface ImportOptions {
  exportFile: string;
  contentDir: string;
  uploadsDir?: string;
  force: boolean;
  /** REPLY_SECRET: the key of the email hashes. Needed only when there are comments. */
  secret?: string;
  /** The keyed hashes the reply function makes (src/replies/pipeline/hash-keys.ts). */
  hashEmail(secret: string, email: string): string;
  /** The name of a trusted replier's file (what moderation makes for an approved reader). */
  trustKey(secret: string, name: string, email: string): string;
  replySink?: ReplySink;
}

export async function importWordpress(options: ImportOptions): Promise<ImportSummary> {
  const site = await loadSite(options.contentDir);
  const wxr = await readWxrFile(options.exportFile);
  const summary = emptySummary();
  const timeZone = site.timeZone;
  const items = [...wxr.items].sort((a, b) => Number(a.postId) - Number(b.postId));
  const secret = options.secret;
  if (!secret && items.some((item) => item.comments.some((c) => (c.approved === "1" || c.approved === "0") && !["pingback", "trackback"].includes(c.type)))) {
    throw new Error("REPLY_SECRET is not set: the export has comments, and their emails are kept only as a hash keyed with it. Set REPLY_SECRET to the value the reply function uses, then run the import again.");
  }
  const context = createPostContext(wxr, timeZone, options);
  const label = (file: string) => path.join(options.contentDir, file);
  const posts = items.filter((item) => item.postType === "post" && readState(item.status));
  const pages = items.filter((item) => item.postType === "page" && readState(item.status));
  countSkippedItems(items, summary);

  const articleKeys = assignKeys(posts.map((item) => ({ id: item.postId, wanted: makeKey(item.postName, item.title, item.postId) })));
  const pageSlugs = assignKeys(pages.map((item) => ({ id: item.postId, wanted: makeKey(item.postName, item.title, item.postId) })), new Set(SITE_SECTIONS));
  const existingArticles = listExistingArticles(options.contentDir);
  const planned: PlannedFile[] = [];
  const media = new Set<string>();
  const published: PublishedItem[] = [];
  const approved: ReplyRecord[] = [];
  const pending: ReplyRecord[] = [];
  const trusted = new Set<string>();
  const convertReply = createReplyConverter();

  for (const item of [...posts, ...pages]) {
    const isPost = item.postType === "post";
    const key = (isPost ? articleKeys : pageSlugs).get(item.postId)!;
    let mapped: MappedItem;
    try {
      mapped = isPost ? mapPost(item, key, context) : mapPage(item, key, context);
      if (isPost) {
        const clash = existingArticles.get(key);
        if (clash && clash !== path.posix.basename(mapped.file)) throw new ItemError(item, `its key "${key}" is already used by ${label(`${ARTICLES_DIR}/${clash}`)}`);
        const parsed = validate(item, () => parseArticleSource({ file: label(mapped.file), text: mapped.text }, timeZone));
        if (mapped.state === "published") published.push({ wpId: item.postId, postType: "post", link: item.link, url: `/articles/${key}/`, category: parsed.frontMatter.category, tags: parsed.frontMatter.tags, author: parsed.frontMatter.author });
      } else {
        validate(item, () => validatePage(label(mapped.file), mapped.text));
        if (mapped.state === "published") published.push({ wpId: item.postId, postType: "page", link: item.link, url: `/${key}/`, tags: [] });
      }
    } catch (error) {
      summary.problems.push((error as Error).message);
      summary.skipped.commentsOfFailedItems += item.comments.length;
      continue;
    }
    planned.push({ path: mapped.file, source: { text: mapped.text } });
    mapped.media.forEach((file) => media.add(file));
    recordItem(summary, item, mapped);
    if (!isPost) {
      summary.skipped.pageComments += item.comments.length;
      continue;
    }
    const comments = mapComments(item.comments, key, item.postId, {
      timeZone,
      maxDepth: MAX_THREAD_DEPTH,
      hashEmail: (email) => options.hashEmail(secret!, email),
      convert: convertReply,
    });
    for (const [kind, count] of Object.entries(comments.skipped)) summary.skipped.comments[kind as keyof typeof comments.skipped] += count;
    summary.problems.push(...comments.problems.map((problem) => `${describeItem(item)}: ${problem}`));
    summary.flattenedReplies += comments.flattened;
    for (const record of comments.replies) {
      try {
        validate(item, () => parseReplySource({ file: label(replyPath(key, record.id, ".")), text: serializeReplyRecord(record) }));
      } catch (error) {
        summary.problems.push((error as Error).message);
        continue;
      }
      (record.status === "approved" ? approved : pending).push(record);
    }
    for (const reader of comments.approvedReaders) trusted.add(options.trustKey(secret!, reader.name, reader.email));
  }

  for (const file of [...media].sort()) planned.push({ path: `${MEDIA_DIR}/${file}`, source: { copyFrom: path.join(options.uploadsDir!, file) } });
  for (const record of approved) planned.push(replyFile(record));
  for (const hash of [...trusted].sort()) planned.push({ path: path.posix.normalize(trustedReplierPath(hash, ".")), source: { text: "" } });
  await (options.replySink ?? contentFolderReplySink).storePending(pending, (file) => planned.push(file));
  const redirects = await mergeRedirects(options.contentDir, mapRedirects(wxr, published), options.force, summary);
  planned.push({ path: REDIRECTS_JSON, source: { text: serializeRedirectsFile(redirects.rules) } });

  summary.replies = { approved: approved.length, pending: pending.length };
  summary.trustedRepliers = trusted.size;
  summary.media = media.size;
  summary.redirects = redirects.added;
  summary.write = await writeFiles(options.contentDir, planned, options.force);
  return summary;
}

function createPostContext(wxr: WxrExport, timeZone: string, options: ImportOptions): PostContext {
  const attachments = new Map<string, Attachment>();
  const attachmentsByParent = new Map<string, Attachment[]>();
  for (const item of wxr.items.filter((i) => i.postType === "attachment")) {
    const url = item.attachmentUrl.trim() || item.link.trim();
    const file = item.meta["_wp_attached_file"]?.trim() || uploadsPath(url) || "";
    const attachment: Attachment = { id: item.postId, url, file, alt: item.meta["_wp_attachment_image_alt"] ?? "", caption: item.excerpt, title: item.title };
    attachments.set(item.postId, attachment);
    if (item.postParent && item.postParent !== "0") attachmentsByParent.set(item.postParent, [...(attachmentsByParent.get(item.postParent) ?? []), attachment]);
  }
  const uploadsDir = options.uploadsDir;
  return {
    timeZone,
    authors: new Map(wxr.authors.map((author) => [author.login.trim(), author.displayName.trim()])),
    attachments,
    attachmentsByParent,
    uploadsPath,
    uploadExists: (file) => uploadsDir !== undefined && !file.split("/").includes("..") && existsSync(path.join(uploadsDir, file)),
    hasUploads: uploadsDir !== undefined,
    leadImageFields: "image" in frontMatterSchema.shape && "imageAlt" in frontMatterSchema.shape,
    convert: createArticleConverter(),
  };
}

/** 2016/05/cat.jpg for http://old.example/wp-content/uploads/2016/05/cat.jpg. */
function uploadsPath(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url, "http://relative.invalid").pathname;
  } catch {
    return undefined;
  }
  const match = /\/wp-content\/uploads\/(.+)$/.exec(pathname);
  if (!match?.[1]) return undefined;
  const file = decodeSlug(match[1]);
  return file.split("/").some((part) => part === ".." || part === "") ? undefined : file;
}

function validate<T>(item: WxrItem, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new ItemError(item, `would not pass the build's validation: ${(error as Error).message}`);
  }
}

/** Pages (content/pages/<slug>.md): front matter the build can read, with a title. */
function validatePage(file: string, text: string): void {
  const { data } = splitFrontMatter(text, file);
  const title = (data as Record<string, unknown>)["title"];
  if (typeof title !== "string" || title.trim() === "") throw new Error(`${file}: field "title" is required: expected the page's title as text`);
}

function listExistingArticles(contentDir: string): Map<string, string> {
  const byKey = new Map<string, string>();
  const dir = path.join(contentDir, ARTICLES_DIR);
  const names = existsSync(dir) ? readdirSync(dir) : [];
  for (const name of names) {
    const key = /^\d{4}-\d{2}-\d{2}-(.+)\.md$/.exec(name)?.[1];
    if (key) byKey.set(key, name);
  }
  return byKey;
}

function countSkippedItems(items: readonly WxrItem[], summary: ImportSummary): void {
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

function recordItem(summary: ImportSummary, item: WxrItem, mapped: MappedItem): void {
  const name = describeItem(item);
  if (item.postType === "post") summary.articles[mapped.state] += 1;
  else summary.pages[mapped.state === "published" ? "published" : "draft"] += 1;
  for (const shortcode of mapped.keptShortcodes) (summary.shortcodes[shortcode] ??= []).push(name);
  for (const url of mapped.imagesLeft) summary.imagesLeft.push(`${name}: ${url}`);
  if (mapped.categoriesAsTags.length) summary.categoriesAsTags.push(`${name}: ${mapped.categoriesAsTags.join(", ")}`);
  if (mapped.featuredSkipped) summary.featuredSkipped.push(`${name}: ${mapped.featuredSkipped}`);
}

/** Rules already in content/redirects.json stay; ours are added. A clash is kept unless force. */
async function mergeRedirects(contentDir: string, ours: readonly RedirectRule[], force: boolean, summary: ImportSummary): Promise<{ rules: RedirectRule[]; added: number }> {
  const file = path.join(contentDir, REDIRECTS_JSON);
  const text = await readFile(file, "utf8").catch(() => undefined);
  const existing = text === undefined ? [] : parseRedirectsFile(JSON.parse(text), file);
  const byFrom = new Map(existing.map((rule) => [rule.from, rule]));
  let added = 0;
  for (const rule of ours) {
    const old = byFrom.get(rule.from);
    if (old && old.to !== rule.to && !force) {
      summary.redirectsKept.push(`${rule.from} → ${old.to} (the import would send it to ${rule.to})`);
      continue;
    }
    if (!old || old.to !== rule.to) added += 1;
    byFrom.set(rule.from, rule);
  }
  return { rules: [...byFrom.values()], added };
}
