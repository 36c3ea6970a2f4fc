import { describe, expect, it } from "vitest";
import { parseArticleSources } from "../../src/site/content/load-articles.ts";

const FILE = "content/articles/2016-05-12-a-story.md";
const parse = (frontMatter: string, file = FILE) =>
  parseArticleSources([{ file, text: `---\n${frontMatter}\n---\n\nBody.\n` }], "Asia/Shanghai");

describe("article front matter", () => {
  it("accepts a complete article and reads its date in the site's time zone", () => {
    const [article] = parse(
      [
        'title: "Alibaba joins"',
        "date: 2016-05-12",
        "summary: A summary",
        "category: Business",
        "tags: [Alibaba, IACC]",
        "author: Li Wei",
        "source: Tencent",
        "updated: 2016-05-13T10:00:00+08:00",
        "draft: false",
        "replies: closed",
      ].join("\n"),
    );
    expect(article?.key).toBe("a-story");
    expect(article?.published.toISO()).toBe("2016-05-12T00:00:00.000+08:00");
    expect(article?.frontMatter.tags).toEqual(["Alibaba", "IACC"]);
    expect(article?.frontMatter.replies).toBe("closed");
  });

  it.each([
    ["a misspelt field", 'title: "T"\ndat: 2016-05-12', ['field "date" is required', 'unknown field "dat"']],
    ["a missing title", "date: 2016-05-12", ['field "title" is required']],
    ["tags as a string", 'title: "T"\ndate: 2016-05-12\ntags: Alibaba', ['field "tags": expected a list, e.g. tags: [Alibaba, IACC]']],
    ["draft as a quoted word", 'title: "T"\ndate: 2016-05-12\ndraft: "no"', ['field "draft": expected true or false']],
    ["draft as a bare no", 'title: "T"\ndate: 2016-05-12\ndraft: no', ['field "draft": expected true or false']],
    ["an impossible date", 'title: "T"\ndate: 2016-02-30', ['field "date": expected an ISO date like 2016-05-12', 'got "2016-02-30"']],
    ["a date that is not a date", 'title: "T"\ndate: last Tuesday', ['field "date": expected an ISO date']],
    ["an unknown replies value", 'title: "T"\ndate: 2016-05-12\nreplies: maybe', ['field "replies": expected "open" or "closed"']],
    ["updated before date", 'title: "T"\ndate: 2016-05-12\nupdated: 2016-05-01', ['field "updated": expected a date on or after "date"']],
    ["an empty tag", 'title: "T"\ndate: 2016-05-12\ntags: [Alibaba, ""]', ['field "tags[1]": expected a non-empty tag']],
    ["broken YAML", 'title: "T\ndate: 2016-05-12', ["front matter is not valid YAML"]],
  ])("rejects %s, naming the file and the field", (_case, frontMatter, messages) => {
    let thrown: Error | undefined;
    try {
      parse(frontMatter);
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.message).toContain(FILE);
    for (const message of messages) expect(thrown?.message).toContain(message);
  });

  it("rejects a file name that does not follow YYYY-MM-DD-slug.md", () => {
    expect(() => parse('title: "T"\ndate: 2016-05-12', "content/articles/My Story.md")).toThrow(
      "content/articles/My Story.md: file name must be YYYY-MM-DD-slug.md",
    );
  });

  it("rejects a file without front matter", () => {
    expect(() => parseArticleSources([{ file: FILE, text: "Just text" }], "UTC")).toThrow(`${FILE}: no front matter`);
  });

  it("reports two files with the same key, naming both", () => {
    const text = '---\ntitle: "T"\ndate: 2016-05-12\n---\nBody';
    expect(() =>
      parseArticleSources(
        [
          { file: "content/articles/2016-05-12-same.md", text },
          { file: "content/articles/2017-01-01-same.md", text },
        ],
        "UTC",
      ),
    ).toThrow('content/articles/2017-01-01-same.md: its key "same" is already used by content/articles/2016-05-12-same.md');
  });

  it("reports every bad file in one error", () => {
    const bad = '---\ntitle: "T"\n---\nBody';
    expect(() =>
      parseArticleSources(
        [
          { file: "content/articles/2016-05-12-one.md", text: bad },
          { file: "content/articles/2016-05-12-two.md", text: bad },
        ],
        "UTC",
      ),
    ).toThrow(/2 problems in the articles:[\s\S]*one\.md[\s\S]*two\.md/);
  });
});
