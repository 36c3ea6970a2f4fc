/** An article as the site data hands it to templates, for tests of what is made from one. */
import type { Article } from "../../src/site/model/types.ts";

/** A plain published article with no photograph, replies, tags or links; `fields` sets the rest. */
export function articleView(fields: Partial<Article> & Pick<Article, "key" | "title" | "date">): Article {
  return {
    file: `articles/${fields.date.slice(0, 10)}-${fields.key}.md`,
    url: `/articles/${fields.key}/`,
    language: undefined,
    summary: undefined,
    updated: undefined,
    dateLabel: "",
    updatedLabel: undefined,
    year: Number(fields.date.slice(0, 4)),
    category: undefined,
    tags: [],
    author: undefined,
    byline: undefined,
    source: undefined,
    image: undefined,
    draft: false,
    scheduled: false,
    repliesAllowed: true,
    repliesOpen: true,
    replies: [],
    replyCount: 0,
    latestReplyDate: undefined,
    html: "",
    readingMinutes: 1,
    previous: undefined,
    next: undefined,
    related: [],
    ...fields,
  };
}
