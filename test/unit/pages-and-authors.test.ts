import { describe, expect, it } from "vitest";
import { parseAuthorsFile } from "../../src/site/content/authors-file.ts";
import { parsePageSources } from "../../src/site/content/load-pages.ts";
import { authorUrl, buildAuthorPages, toAuthor } from "../../src/site/model/authors.ts";

const page = (file: string, frontMatter: string) => ({ file: `content/pages/${file}`, text: `---\n${frontMatter}\n---\n\nText.\n` });

describe("static pages", () => {
  it("reads a page's slug from its file name", () => {
    const [about] = parsePageSources([page("about.md", "title: About us\nupdated: 2026-11-30")], "Europe/London");
    expect(about?.slug).toBe("about");
    expect(about?.frontMatter.title).toBe("About us");
    expect(about?.updated?.toISODate()).toBe("2026-11-30");
  });

  it("reports every problem of every page in one run, naming file and field", () => {
    let message = "";
    try {
      parsePageSources(
        [
          page("About Us.md", "title: About"),
          page("contact.md", 'titel: Contact\ndraft: "no"\nupdated: soon'),
          page("tags.md", "title: Tags"),
          page("privacy.md", "title: [unclosed"),
        ],
        "Europe/London",
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("content/pages/About Us.md: file name must be slug.md");
    expect(message).toContain('content/pages/contact.md: field "title" is required');
    expect(message).toContain('content/pages/contact.md: unknown field "titel"');
    expect(message).toContain('content/pages/contact.md: field "draft": expected true or false');
    expect(message).toContain('content/pages/contact.md: field "updated": expected an ISO date');
    expect(message).toContain("content/pages/tags.md: the site already uses /tags/");
    expect(message).toContain("content/pages/privacy.md: front matter is not valid YAML");
  });
});

describe("author profiles", () => {
  it("accepts profiles keyed by the slug of the name", () => {
    const profiles = parseAuthorsFile(
      { "wang-wei": { name: "Wang Wei", bio: "Shanghai desk.", links: ["https://example.org/ww"] } },
      "authors.json",
    );
    expect(profiles.get("wang-wei")?.bio).toBe("Shanghai desk.");
  });

  it("names the file, the field and what was expected", () => {
    let message = "";
    try {
      parseAuthorsFile(
        { "wang-wei": { name: "Wang Wei", links: ["javascript:alert(1)"], photo: "../secret.jpg", age: 3 }, li: { name: "Li Na" } },
        "content/authors.json",
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('content/authors.json: field "wang-wei.links[0]": expected an http(s) address');
    expect(message).toContain('content/authors.json: field "wang-wei.photo": expected a path inside the content folder');
    expect(message).toContain('content/authors.json: unknown field "wang-wei.age"');
    expect(message).toContain('content/authors.json: key "li": expected "li-na", the slug of its name "Li Na"');
  });
});

describe("author pages", () => {
  const profiles = parseAuthorsFile({ "wang-wei": { name: "Wang Wei", bio: "Shanghai desk." } }, "authors.json");

  it("links a byline to its page, whatever its case and spacing", () => {
    expect(authorUrl("Wang  Wei")).toBe("/authors/wang-wei/");
    expect(authorUrl("王伟")).toBe("/authors/王伟/");
    expect(authorUrl("!!!")).toBeUndefined();
  });

  it("groups articles by author, paginated newest first, with the profile attached", () => {
    const items = [
      { id: 1, author: toAuthor("Wang Wei", profiles) },
      { id: 2, author: toAuthor("Li Na", profiles) },
      { id: 3, author: toAuthor("wang wei", profiles) },
      { id: 4, author: undefined },
      { id: 5, author: toAuthor("Wang Wei", profiles) },
    ];
    const { pages, index } = buildAuthorPages(items, (item) => item.author, 2);
    expect(index.map((author) => [author.name, author.count])).toEqual([
      ["Li Na", 1],
      ["Wang Wei", 3],
    ]);
    const wang = pages.filter((page) => page.author.slug === "wang-wei");
    expect(wang.map((page) => [page.url, page.items.map((item) => item.id)])).toEqual([
      ["/authors/wang-wei/", [1, 3]],
      ["/authors/wang-wei/page/2/", [5]],
    ]);
    expect(wang[0]!.author.bio).toBe("Shanghai desk.");
  });
});
