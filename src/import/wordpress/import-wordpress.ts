/**
 * `npm run import -- wordpress export.xml`: read the export, map every item, validate every
 * file with the build's own parsers, then write the lot through the staging writer. Nothing
 * is written when the export cannot be read; an item that cannot be converted is reported
 * and left out, with its comments.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { REDIRECTS_JSON, serializeRedirectsFile } from "../../shared/redirects-file.ts";
import { type ReplyRecord, replyPath, serializeReplyRecord, trustedReplierPath } from "../../shared/reply-record.ts";
import { MAX_THREAD_DEPTH } from "../../shared/reply-routes.ts";
import { splitFrontMatter } from "../../site/content/front-matter.ts";
import { ARTICLES_DIR, parseArticleSource } from "../../site/content/load-articles.ts";
import { parseReplySource } from "../../site/content/load-replies.ts";
import { loadSite } from "../../site/content/site-metadata.ts";
import { contentFolderReplySink, type ReplySink, replyFile } from "../reply-sink.ts";
import { type PlannedFile, writeFiles } from "../write-files.ts";
import { createReplyConverter } from "./html-to-markdown.ts";
import { assignKeys, makeKey } from "./item-keys.ts";
import { type CommentContext, mapComments } from "./map-comments.ts";
import { describeItem, ItemError, type MappedItem, MEDIA_DIR, mapPage, mapPost, type PostContext, readState } from "./map-post.ts";
import { mapRedirects, type PublishedItem } from "./map-redirects.ts";
import { mergeRedirects } from "./merge-redirects.ts";
import { createPostContext } from "./post-context.ts";
import { readWxrFile } from "./read-wxr.ts";
import { countSkippedItems, emptySummary, type ImportSummary, recordItem } from "./summary.ts";
import type { WxrItem } from "./wxr-types.ts";

/** Top-level paths the build itself serves: a WordPress page with one of these slugs gets `-<id>`. */
const SITE_SECTIONS = [
  "articles",
  "tags",
  "category",
  "archive",
  "authors",
  "search",
  "feed",
  "replies",
  "assets",
  "pagefind",
  "media",
  "api",
];

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

/** What the items add up to before anything is written. */
interface Plan {
  summary: ImportSummary;
  files: PlannedFile[];
  media: Set<string>;
  published: PublishedItem[];
  approved: ReplyRecord[];
  pending: ReplyRecord[];
  trusted: Set<string>;
}

export async function importWordpress(options: ImportOptions): Promise<ImportSummary> {
  const site = await loadSite(options.contentDir);
  const wxr = await readWxrFile(options.exportFile);
  const items = [...wxr.items].sort((a, b) => Number(a.postId) - Number(b.postId));
  const secret = requireSecret(items, options.secret);
  const plan: Plan = { summary: emptySummary(), files: [], media: new Set(), published: [], approved: [], pending: [], trusted: new Set() };
  countSkippedItems(items, plan.summary);
  const posts = items.filter((item) => item.postType === "post" && readState(item.status));
  const pages = items.filter((item) => item.postType === "page" && readState(item.status));
  const wanted = (item: WxrItem) => ({ id: item.postId, wanted: makeKey(item.postName, item.title, item.postId) });
  const articleKeys = assignKeys(posts.map(wanted));
  const pageSlugs = assignKeys(pages.map(wanted), new Set(SITE_SECTIONS));
  const itemDeps = {
    context: createPostContext(wxr, site.timeZone, options.uploadsDir),
    existing: listExistingArticles(options.contentDir),
    contentDir: options.contentDir,
    timeZone: site.timeZone,
  };
  const comments: CommentContext = {
    timeZone: site.timeZone,
    maxDepth: MAX_THREAD_DEPTH,
    hashEmail: (email) => options.hashEmail(secret, email),
    convert: createReplyConverter(),
  };

  for (const item of posts) {
    const key = articleKeys.get(item.postId)!;
    if (importItem(plan, item, key, itemDeps))
      importComments(plan, item, key, comments, (name, email) => options.trustKey(secret, name, email), options.contentDir);
  }
  for (const item of pages) {
    if (importItem(plan, item, pageSlugs.get(item.postId)!, itemDeps)) plan.summary.skipped.pageComments += item.comments.length;
  }

  const { summary, files } = plan;
  for (const file of [...plan.media].sort())
    files.push({ path: `${MEDIA_DIR}/${file}`, source: { copyFrom: path.join(options.uploadsDir!, file) } });
  for (const record of plan.approved) files.push(replyFile(record));
  for (const key of [...plan.trusted].sort())
    files.push({ path: path.posix.normalize(trustedReplierPath(key, ".")), source: { text: "" } });
  await (options.replySink ?? contentFolderReplySink).storePending(plan.pending, (file) => files.push(file));
  const redirects = await mergeRedirects(options.contentDir, mapRedirects(wxr, plan.published), options.force);
  files.push({ path: REDIRECTS_JSON, source: { text: serializeRedirectsFile(redirects.rules) } });

  summary.replies = { approved: plan.approved.length, pending: plan.pending.length };
  summary.trustedRepliers = plan.trusted.size;
  summary.media = plan.media.size;
  summary.redirects = redirects.added;
  summary.redirectsKept = redirects.kept;
  summary.write = await writeFiles(options.contentDir, files, options.force);
  return summary;
}

/** Comments' emails are kept only as a hash keyed with REPLY_SECRET: without it, stop before writing. */
function requireSecret(items: readonly WxrItem[], secret: string | undefined): string {
  if (secret) return secret;
  const hasComments = items.some((item) =>
    item.comments.some((c) => (c.approved === "1" || c.approved === "0") && c.type !== "pingback" && c.type !== "trackback"),
  );
  if (hasComments) {
    throw new Error(
      "REPLY_SECRET is not set: the export has comments, and their emails are kept only as a hash keyed with it. Set REPLY_SECRET to the value the reply function uses, then run the import again.",
    );
  }
  return "";
}

interface ItemDeps {
  context: PostContext;
  /** Article key → its file name, for the articles already in the content folder. */
  existing: ReadonlyMap<string, string>;
  contentDir: string;
  timeZone: string;
}

/** Maps and validates one post or page into the plan. False (and a problem reported) when it cannot be imported. */
function importItem(plan: Plan, item: WxrItem, key: string, deps: ItemDeps): boolean {
  const label = (file: string) => path.join(deps.contentDir, file);
  let mapped: MappedItem;
  try {
    if (item.postType === "post") {
      mapped = mapPost(item, key, deps.context);
      const clash = deps.existing.get(key);
      if (clash && clash !== path.posix.basename(mapped.file))
        throw new ItemError(item, `its key "${key}" is already used by ${label(`${ARTICLES_DIR}/${clash}`)}`);
      const { frontMatter } = validate(item, () => parseArticleSource({ file: label(mapped.file), text: mapped.text }, deps.timeZone));
      if (mapped.state === "published")
        plan.published.push({
          wpId: item.postId,
          postType: "post",
          link: item.link,
          url: `/articles/${key}/`,
          category: frontMatter.category,
          tags: frontMatter.tags,
          author: frontMatter.author,
        });
    } else {
      mapped = mapPage(item, key, deps.context);
      validate(item, () => validatePage(label(mapped.file), mapped.text));
      if (mapped.state === "published")
        plan.published.push({ wpId: item.postId, postType: "page", link: item.link, url: `/${key}/`, tags: [] });
    }
  } catch (error) {
    plan.summary.problems.push((error as Error).message);
    plan.summary.skipped.commentsOfFailedItems += item.comments.length;
    return false;
  }
  plan.files.push({ path: mapped.file, source: { text: mapped.text } });
  for (const file of mapped.media) plan.media.add(file);
  recordItem(plan.summary, item, mapped);
  return true;
}

/** An imported post's comments into the plan: replies validated as the build reads them, trusted readers. */
function importComments(
  plan: Plan,
  item: WxrItem,
  key: string,
  context: CommentContext,
  trustKey: (name: string, email: string) => string,
  contentDir: string,
): void {
  const { summary } = plan;
  const mapped = mapComments(item.comments, key, item.postId, context);
  for (const [kind, count] of Object.entries(mapped.skipped)) summary.skipped.comments[kind as keyof typeof mapped.skipped] += count;
  summary.problems.push(...mapped.problems.map((problem) => `${describeItem(item)}: ${problem}`));
  summary.flattenedReplies += mapped.flattened;
  for (const record of mapped.replies) {
    try {
      validate(item, () =>
        parseReplySource({ file: path.join(contentDir, replyPath(key, record.id, ".")), text: serializeReplyRecord(record) }),
      );
    } catch (error) {
      summary.problems.push((error as Error).message);
      continue;
    }
    (record.status === "approved" ? plan.approved : plan.pending).push(record);
  }
  for (const reader of mapped.approvedReaders) plan.trusted.add(trustKey(reader.name, reader.email));
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
  const title = (data as Record<string, unknown>).title;
  if (typeof title !== "string" || title.trim() === "")
    throw new Error(`${file}: field "title" is required: expected the page's title as text`);
}

function listExistingArticles(contentDir: string): Map<string, string> {
  const byKey = new Map<string, string>();
  const dir = path.join(contentDir, ARTICLES_DIR);
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const key = /^\d{4}-\d{2}-\d{2}-(.+)\.md$/.exec(name)?.[1];
    if (key) byKey.set(key, name);
  }
  return byKey;
}
