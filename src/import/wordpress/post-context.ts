/** What mapping a post needs from the whole export and the uploads folder (map-post.ts's PostContext). */
import { existsSync } from "node:fs";
import path from "node:path";
import { frontMatterSchema } from "../../site/content/article-schema.ts";
import { createArticleConverter } from "./html-to-markdown.ts";
import { decodeSlug } from "./item-keys.ts";
import type { Attachment, PostContext } from "./map-post.ts";
import type { WxrExport } from "./wxr-types.ts";

export function createPostContext(wxr: WxrExport, timeZone: string, uploadsDir: string | undefined): PostContext {
  const attachments = new Map<string, Attachment>();
  const attachmentsByParent = new Map<string, Attachment[]>();
  for (const item of wxr.items.filter((i) => i.postType === "attachment")) {
    const url = item.attachmentUrl.trim() || item.link.trim();
    const file = item.meta._wp_attached_file?.trim() || uploadsPath(url) || "";
    const attachment: Attachment = {
      id: item.postId,
      url,
      file,
      alt: item.meta._wp_attachment_image_alt ?? "",
      caption: item.excerpt,
      title: item.title,
    };
    attachments.set(item.postId, attachment);
    if (item.postParent && item.postParent !== "0")
      attachmentsByParent.set(item.postParent, [...(attachmentsByParent.get(item.postParent) ?? []), attachment]);
  }
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
