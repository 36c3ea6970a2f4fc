/**
 * What the importer keeps of a WordPress eXtended RSS (WXR) export: plain records, no DOM.
 * Field names follow the export's element names (wp:post_id → postId), values stay text as
 * written, so mapping decisions live in one place (map-*.ts) and not in the reader.
 */

export interface WxrAuthor {
  login: string;
  displayName: string;
}

export interface WxrCategory {
  nicename: string;
  name: string;
  /** The parent's nicename, "" at the top. */
  parent: string;
}

export interface WxrTag {
  slug: string;
  name: string;
}

export interface WxrComment {
  id: string;
  author: string;
  /** Read only to make the keyed hash: never written anywhere. */
  authorEmail: string;
  authorUrl: string;
  date: string;
  dateGmt: string;
  content: string;
  /** "1" approved, "0" held, "spam", "trash". */
  approved: string;
  /** "" or "comment" for a comment; "pingback", "trackback", or a plugin's own type. */
  type: string;
  /** "0" at the top. */
  parent: string;
}

export interface WxrTerm {
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrItem {
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  postId: string;
  postDate: string;
  postDateGmt: string;
  postModified: string;
  postModifiedGmt: string;
  postName: string;
  status: string;
  postParent: string;
  postType: string;
  attachmentUrl: string;
  /** In document order: the first category is the article's category. */
  terms: WxrTerm[];
  meta: Record<string, string>;
  comments: WxrComment[];
}

export interface WxrChannel {
  title: string;
  link: string;
  /** "1.1" or "1.2" (wp:wxr_version). */
  version: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  authors: WxrAuthor[];
  categories: WxrCategory[];
  tags: WxrTag[];
}

export interface WxrExport extends WxrChannel {
  items: WxrItem[];
}
