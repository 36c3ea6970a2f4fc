/**
 * Reads a WXR export as a stream (saxes, a validating streaming XML parser): a 100 MB export
 * never becomes a DOM, only the records of wxr-types.ts. Both the http:// and https:// forms of
 * the wordpress.org/export/1.x/ namespaces occur in real files; both are read the same.
 */
import { createReadStream } from "node:fs";
import { SaxesParser, type SaxesTagNS } from "saxes";
import type { WxrChannel, WxrComment, WxrExport, WxrItem, WxrTerm } from "./wxr-types.ts";

const WP_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/;
const EXCERPT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/;
const PREFIXES: Record<string, string> = {
  "http://purl.org/rss/1.0/modules/content/": "content",
  "http://purl.org/dc/elements/1.1/": "dc",
};

export class WxrError extends Error {
  override readonly name = "WxrError";
}

/** Short names: "wp:post_id", "content:encoded", "title". Unknown namespaces keep their URI. */
function shortName(tag: SaxesTagNS): string {
  const uri = tag.uri;
  if (uri === "") return tag.local;
  if (WP_NAMESPACE.test(uri)) return `wp:${tag.local}`;
  if (EXCERPT_NAMESPACE.test(uri)) return `excerpt:${tag.local}`;
  const prefix = PREFIXES[uri];
  return prefix ? `${prefix}:${tag.local}` : `{${uri}}${tag.local}`;
}

const ITEM_FIELDS: Record<string, keyof WxrItem> = {
  title: "title",
  link: "link",
  "dc:creator": "creator",
  "content:encoded": "content",
  "excerpt:encoded": "excerpt",
  "wp:post_id": "postId",
  "wp:post_date": "postDate",
  "wp:post_date_gmt": "postDateGmt",
  "wp:post_modified": "postModified",
  "wp:post_modified_gmt": "postModifiedGmt",
  "wp:post_name": "postName",
  "wp:status": "status",
  "wp:post_parent": "postParent",
  "wp:post_type": "postType",
  "wp:attachment_url": "attachmentUrl",
};

const COMMENT_FIELDS: Record<string, keyof WxrComment> = {
  "wp:comment_id": "id",
  "wp:comment_author": "author",
  "wp:comment_author_email": "authorEmail",
  "wp:comment_author_url": "authorUrl",
  "wp:comment_date": "date",
  "wp:comment_date_gmt": "dateGmt",
  "wp:comment_content": "content",
  "wp:comment_approved": "approved",
  "wp:comment_type": "type",
  "wp:comment_parent": "parent",
};

function emptyItem(): WxrItem {
  return {
    title: "",
    link: "",
    creator: "",
    content: "",
    excerpt: "",
    postId: "",
    postDate: "",
    postDateGmt: "",
    postModified: "",
    postModifiedGmt: "",
    postName: "",
    status: "",
    postParent: "",
    postType: "",
    attachmentUrl: "",
    terms: [],
    meta: {},
    comments: [],
  };
}

function emptyComment(): WxrComment {
  return { id: "", author: "", authorEmail: "", authorUrl: "", date: "", dateGmt: "", content: "", approved: "", type: "", parent: "0" };
}

/** A parser fed chunk by chunk; `finish` checks the document was whole and a WXR file. */
export function createWxrReader(fileName: string): { write(chunk: string): void; finish(): WxrExport } {
  const parser = new SaxesParser({ xmlns: true, position: true, fileName });
  const channel: WxrChannel = { title: "", link: "", version: "", baseSiteUrl: "", baseBlogUrl: "", authors: [], categories: [], tags: [] };
  const items: WxrItem[] = [];
  const stack: string[] = [];
  let text = "";
  let item: WxrItem | undefined;
  let comment: WxrComment | undefined;
  let term: WxrTerm | undefined;
  let fields: Record<string, string> = {};
  let sawWpNamespace = false;

  parser.on("opentag", (tag) => {
    const name = shortName(tag);
    if (name.startsWith("wp:")) sawWpNamespace = true;
    stack.push(name);
    text = "";
    const depth = stack.length;
    if (depth === 1 && name !== "rss")
      throw new WxrError(`${fileName}: not a WordPress export: the document is <${tag.name}>, expected <rss> with a wp:wxr_version`);
    if (depth === 3 && name === "item") item = emptyItem();
    else if (depth === 3 && (name === "wp:author" || name === "wp:category" || name === "wp:tag")) fields = {};
    else if (item && depth === 4 && name === "wp:comment") comment = emptyComment();
    else if (item && depth === 4 && name === "category") {
      term = { domain: String(tag.attributes.domain?.value ?? ""), nicename: String(tag.attributes.nicename?.value ?? ""), name: "" };
    } else if (item && depth === 4 && name === "wp:postmeta") fields = {};
  });
  parser.on("text", (value) => (text += value));
  parser.on("cdata", (value) => (text += value));
  parser.on("closetag", () => {
    const name = stack.pop()!;
    const depth = stack.length + 1;
    const value = text;
    text = "";
    const parent = stack[stack.length - 1];
    if (depth === 3 && parent === "channel") closeChannelChild(name, value);
    else if (item && depth === 4) closeItemChild(item, name, value);
    else if (item && depth === 5 && parent === "wp:comment" && comment) {
      const field = COMMENT_FIELDS[name];
      if (field) comment[field] = value;
    } else if (item && depth === 5 && parent === "wp:postmeta") fields[name] = value;
    else if (depth === 4 && (parent === "wp:author" || parent === "wp:category" || parent === "wp:tag")) fields[name] = value;
  });

  function closeChannelChild(name: string, value: string): void {
    switch (name) {
      case "title":
        channel.title = value.trim();
        break;
      case "link":
        channel.link = value.trim();
        break;
      case "wp:wxr_version":
        channel.version = value.trim();
        break;
      case "wp:base_site_url":
        channel.baseSiteUrl = value.trim();
        break;
      case "wp:base_blog_url":
        channel.baseBlogUrl = value.trim();
        break;
      case "wp:author":
        channel.authors.push({ login: fields["wp:author_login"] ?? "", displayName: fields["wp:author_display_name"] ?? "" });
        break;
      case "wp:category":
        channel.categories.push({
          nicename: fields["wp:category_nicename"] ?? "",
          name: fields["wp:cat_name"] ?? "",
          parent: fields["wp:category_parent"] ?? "",
        });
        break;
      case "wp:tag":
        channel.tags.push({ slug: fields["wp:tag_slug"] ?? "", name: fields["wp:tag_name"] ?? "" });
        break;
      case "item":
        if (item) items.push(item);
        item = undefined;
        break;
    }
  }

  function closeItemChild(current: WxrItem, name: string, value: string): void {
    const field = ITEM_FIELDS[name];
    if (field) (current[field] as string) = value;
    else if (name === "category" && term) {
      current.terms.push({ ...term, name: value });
      term = undefined;
    } else if (name === "wp:postmeta") {
      const key = fields["wp:meta_key"];
      if (key) current.meta[key] = fields["wp:meta_value"] ?? "";
    } else if (name === "wp:comment" && comment) {
      current.comments.push(comment);
      comment = undefined;
    }
  }

  return {
    write(chunk) {
      parser.write(chunk);
    },
    finish() {
      parser.close();
      if (!sawWpNamespace || channel.version === "") {
        throw new WxrError(
          `${fileName}: not a WordPress export: no wp:wxr_version in the wordpress.org/export/ namespace (Tools → Export writes one)`,
        );
      }
      return { ...channel, items };
    },
  };
}

/** Streams the file through the reader. Errors name the file, line and column. */
export async function readWxrFile(file: string): Promise<WxrExport> {
  const reader = createWxrReader(file);
  try {
    for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
      reader.write(chunk as string);
    }
    return reader.finish();
  } catch (error) {
    if (error instanceof WxrError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new WxrError(`${file}: no such file`);
    // saxes prefixes its messages with file:line:column.
    throw new WxrError(
      `${(error as Error).message.replace(/\s+$/, "")}: not well-formed XML, so nothing was imported (a truncated or edited export? export it again)`,
    );
  }
}
