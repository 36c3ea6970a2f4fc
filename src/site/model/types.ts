/** The narrow shapes templates receive. Built once per build by src/site/site-data.ts. */
import type { LeadImage } from "../media/responsive-image.ts";

export interface Term {
  /** Display name, e.g. "Michael Kors". */
  name: string;
  slug: string;
  url: string;
}

export interface ArticleLink {
  key: string;
  title: string;
  url: string;
  date: string;
  /** The date as readers see it, in the site's language and time zone. */
  dateLabel: string;
}

export interface Article {
  key: string;
  /** Path of the source file relative to the content folder, for error messages. */
  file: string;
  url: string;
  title: string;
  /** Set when the article is in another language than the site (a Chinese article on an English site). */
  language: string | undefined;
  summary: string | undefined;
  /** ISO 8601 in the site's time zone. */
  date: string;
  updated: string | undefined;
  /** Dates as readers see them, formatted once per build rather than once per page that shows them. */
  dateLabel: string;
  updatedLabel: string | undefined;
  year: number;
  category: Term | undefined;
  tags: Term[];
  author: string | undefined;
  source: string | undefined;
  /** The lead photograph, processed, with its alt text, caption and credit. */
  image?: LeadImage | undefined;
  draft: boolean;
  /** Dated after the build's "now": only shown by the dev server. */
  scheduled: boolean;
  /** Front matter allows replies (the site's age limit is applied separately). */
  repliesAllowed: boolean;
  /** Replies accepted now: allowed, and not past the site's closeAfterDays. */
  repliesOpen: boolean;
  /** Approved replies, threaded, oldest first. */
  replies: ReplyView[];
  replyCount: number;
  /** Rendered body: the author's markdown, trusted. */
  html: string;
  readingMinutes: number;
  previous: ArticleLink | undefined;
  next: ArticleLink | undefined;
  related: ArticleLink[];
}

export interface ReplyView {
  id: string;
  author: string;
  /** The reader's website, http(s) only (checked by the reply schema). */
  url: string | undefined;
  date: string;
  dateLabel: string;
  /** Rendered by the reply markdown instance: no HTML of the reader's. */
  html: string;
  depth: number;
  children: ReplyView[];
}

export interface ListingPage<T> {
  /** 1-based. */
  number: number;
  total: number;
  url: string;
  previousUrl: string | undefined;
  nextUrl: string | undefined;
  items: T[];
}

/** One page of a listing that belongs to a term (a tag, a category or a year). */
export interface TermPage extends ListingPage<Article> {
  kind: TermKind;
  term: Term;
  count: number;
}

export type TermKind = "tag" | "category" | "year";

export interface TermCount extends Term {
  count: number;
}
