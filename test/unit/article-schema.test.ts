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

describe("every problem of a file in one run", () => {
  const problemsOf = (text: string, file = FILE): string[] => {
    try {
      parseArticleSources([{ file, text }], "Asia/Shanghai");
      return [];
    } catch (error) {
      return (error as Error).message
        .split("\n")
        .slice(1)
        .map((line) => line.trim());
    }
  };

  it("reports a YAML error, the schema, the date and updated together (was four builds)", () => {
    const problems = problemsOf('---\ntitle: Alibaba: the deal\ndate: 2016-02-30\ndraft: "no"\nreplies: maybe\nsummary: [oops\n---\nBody');
    expect(problems).toEqual([
      `${FILE}: front matter is not valid YAML (line 2): bad indentation of a mapping entry. The value of "title" holds a colon: put it in quotes, e.g. title: "Alibaba: the deal"`,
      `${FILE}: front matter is not valid YAML (line 6): unexpected end of the stream within a flow collection`,
      `${FILE}: field "draft": expected true or false (without quotes)`,
      `${FILE}: field "replies": expected "open" or "closed"`,
      expect.stringContaining(`${FILE}: field "date": expected an ISO date like 2016-05-12`),
    ]);
  });

  it("reports a bad updated date with a bad draft, and a bad file name with them", () => {
    const problems = problemsOf('---\ntitle: "T"\ndate: 2016-05-12\nupdated: 2016-05-01\ndraft: "no"\n---\n', "content/articles/Bad.md");
    expect(problems).toEqual([
      "content/articles/Bad.md: file name must be YYYY-MM-DD-slug.md, with a slug of lowercase letters, digits and single hyphens",
      'content/articles/Bad.md: field "draft": expected true or false (without quotes)',
      'content/articles/Bad.md: field "updated": expected a date on or after "date" (2016-05-12)',
    ]);
  });
});
