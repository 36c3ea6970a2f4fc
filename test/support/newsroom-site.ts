/**
 * A content folder with every page type a reader meets: articles (one with threaded replies,
 * one in Chinese, one by an author with a profile), static pages, authors.json. Built with
 * the real build command, for the build, accessibility and layout tests.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { article, type BuiltSite, buildContentFolder, writeContent } from "./build-site.ts";
import { FIXTURE_NOW } from "./fixture-site.ts";

export const NEWSROOM_NOW = FIXTURE_NOW;
const HASH = "a".repeat(64);

/** Approved replies: a thread three deep under the first article. */
function replyFiles(): Record<string, object> {
  const reply = (id: string, parent: string | null, author: string, body: string, date: string) => ({
    id,
    article: "replies-story",
    parent,
    author,
    url: author === "Li Na" ? "https://example.org/li" : null,
    body,
    date,
    status: "approved",
    emailHash: HASH,
  });
  const a = "20251220T100000000Z-aaaaaaaaaa";
  const b = "20251221T100000000Z-bbbbbbbbbb";
  const c = "20251222T100000000Z-cccccccccc";
  return {
    [a]: reply(a, null, "Li Na", "First *reply*.", "2025-12-20T10:00:00.000Z"),
    [b]: reply(b, a, "Zhang San", "An answer to Li Na.", "2025-12-21T10:00:00.000Z"),
    [c]: reply(c, b, "Li Na", "And back again.", "2025-12-22T10:00:00.000Z"),
  };
}

export function newsroomArticles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 23; i++) {
    const day = String(i).padStart(2, "0");
    files[`2025-11-${day}-report-${i}.md`] = article(
      {
        title: `Report ${i} on retail`,
        date: `2025-11-${day}T09:00:00Z`,
        summary: `Summary ${i}.`,
        category: "Business",
        tags: ["Gucci", "Retail"],
        author: "Wang Wei",
      },
      `Report ${i} (Gucci) body.\n\n## A subheading\n\nMore text with [a link](/tags/).`,
    );
  }
  files["2025-12-19-replies-story.md"] = article(
    {
      title: "A story with replies",
      date: "2025-12-19T09:00:00Z",
      summary: "Readers answered.",
      category: "Technology",
      tags: ["Alibaba"],
      author: "Li Na",
      source: "Xinhua",
    },
    "The story everyone replied to.",
  );
  files["2025-12-31-chinese-story.md"] = article(
    { title: "阿里巴巴暂停会员资格", date: "2025-12-31T09:00:00+08:00", category: "Business", tags: ["阿里巴巴"], author: "王伟" },
    "国际反假冒联盟宣布暂停阿里巴巴的会员资格。",
  );
  return files;
}

export const NEWSROOM_AUTHORS = {
  "wang-wei": { name: "Wang Wei", bio: "Covers retail from Shanghai.", links: ["https://example.org/wang-wei"] },
};

export const NEWSROOM_PAGES: Record<string, string> = {
  "about.md": "---\ntitle: About us\nsummary: Who we are.\n---\n\nWe are a newsroom.\n",
  "privacy.md": "---\ntitle: Privacy policy\nupdated: 2025-12-01\n---\n\nWe keep a keyed hash of your email, never the address.\n",
};

export type NewsroomBuild = BuiltSite;

export async function writeNewsroomContent(): Promise<string> {
  const contentDir = await writeContent(newsroomArticles());
  await mkdir(path.join(contentDir, "pages"));
  await Promise.all(Object.entries(NEWSROOM_PAGES).map(([name, text]) => writeFile(path.join(contentDir, "pages", name), text)));
  await writeFile(path.join(contentDir, "authors.json"), JSON.stringify(NEWSROOM_AUTHORS, null, 2));
  const repliesDir = path.join(contentDir, "replies", "replies-story");
  await mkdir(repliesDir, { recursive: true });
  await Promise.all(
    Object.entries(replyFiles()).map(([id, record]) => writeFile(path.join(repliesDir, `${id}.json`), JSON.stringify(record, null, 2))),
  );
  return contentDir;
}

export async function buildNewsroomSite(): Promise<NewsroomBuild> {
  return buildContentFolder(await writeNewsroomContent(), NEWSROOM_NOW, "newsroom");
}

/** One URL per page type a reader meets. */
export const PAGE_TYPES: Record<string, string> = {
  home: "/",
  "home, page 2": "/page/2/",
  article: "/articles/replies-story/",
  "article in Chinese": "/articles/chinese-story/",
  tag: "/tags/gucci/",
  category: "/category/business/",
  year: "/archive/2025/",
  tags: "/tags/",
  categories: "/category/",
  archive: "/archive/",
  search: "/search/?q=gucci",
  "static page": "/privacy/",
  author: "/authors/wang-wei/",
  authors: "/authors/",
  "not found": "/404.html",
};
