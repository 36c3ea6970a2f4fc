import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parseArticleSources } from "../../src/site/content/load-articles.ts";
import { draftArticle, parseNewArticleArgs } from "../../src/site/content/new-article-file.ts";

const NOW = DateTime.fromISO("2026-12-01T09:30:15.678+08:00", { setZone: true });

describe("npm run new", () => {
  it("writes a valid draft with no placeholder that could be published, dated to the second", () => {
    const { fileName, text } = draftArticle({ title: "Alibaba joins the alliance" }, NOW);
    expect(fileName).toBe("2026-12-01-alibaba-joins-the-alliance.md");
    expect(text).toContain("date: 2026-12-01T09:30:15+08:00\n");
    const [article] = parseArticleSources([{ file: `content/articles/${fileName}`, text }], "Asia/Shanghai");
    expect(article?.frontMatter.summary).toBeUndefined();
    expect(article?.frontMatter.draft).toBe(true);
  });

  it("asks for a slug for a headline without Latin letters instead of naming it article-093015", () => {
    expect(() => draftArticle({ title: "阿里巴巴暂停会员资格" }, NOW)).toThrow(
      'Give its URL slug: npm run new -- --slug alibaba-suspended "阿里巴巴暂停会员资格"',
    );
    const { fileName } = draftArticle(parseNewArticleArgs(["--slug", "alibaba-suspended", "阿里巴巴暂停会员资格"]), NOW);
    expect(fileName).toBe("2026-12-01-alibaba-suspended.md");
  });

  it("rejects a slug that could not be an article's key", () => {
    expect(() => draftArticle({ title: "T", slug: "Alibaba Suspended" }, NOW)).toThrow(
      '--slug "Alibaba Suspended": expected lowercase letters',
    );
  });
});
