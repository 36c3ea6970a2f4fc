import { describe, expect, it } from "vitest";
import { paginate } from "../../src/site/model/paginate.ts";
import { estimateReadingMinutes } from "../../src/site/model/reading-time.ts";
import { slugify } from "../../src/site/model/slugify.ts";
import { resolveTerms } from "../../src/site/model/taxonomy.ts";

describe("slugify", () => {
  it.each([
    ["Michael Kors", "michael-kors"],
    ["  michael   KORS ", "michael-kors"],
    ["Michael-Kors!", "michael-kors"],
    ["阿里巴巴", "阿里巴巴"],
    ["Tiffany & Co.", "tiffany-co"],
    ["Ａｌｉｂａｂａ", "alibaba"], // full-width letters fold to ASCII (NFKC)
    ["Women’s wear", "womens-wear"],
    ["Café", "café"],
  ])("%j → %j", (name, slug) => expect(slugify(name)).toBe(slug));
});

describe("resolveTerms", () => {
  it("makes spellings that differ in case or spacing one term, named by the commonest spelling", () => {
    const terms = resolveTerms(["alibaba", "Alibaba", "Alibaba ", "ALIBABA", "IACC"], "/tags/");
    expect([...terms.values()]).toEqual([
      { name: "Alibaba", slug: "alibaba", url: "/tags/alibaba/" },
      { name: "IACC", slug: "iacc", url: "/tags/iacc/" },
    ]);
  });

  it("breaks a tie between spellings the same way whatever the order", () => {
    const a = resolveTerms(["IACC", "iacc"], "/tags/").get("iacc")?.name;
    const b = resolveTerms(["iacc", "IACC"], "/tags/").get("iacc")?.name;
    expect(a).toBe("IACC");
    expect(b).toBe("IACC");
  });
});

describe("paginate", () => {
  it("puts page 1 at the base URL and later pages under page/n/, with links both ways", () => {
    const pages = paginate(
      Array.from({ length: 45 }, (_, i) => i),
      20,
      "/tags/x/",
    );
    expect(pages.map((p) => [p.url, p.items.length, p.previousUrl, p.nextUrl])).toEqual([
      ["/tags/x/", 20, undefined, "/tags/x/page/2/"],
      ["/tags/x/page/2/", 20, "/tags/x/", "/tags/x/page/3/"],
      ["/tags/x/page/3/", 5, "/tags/x/page/2/", undefined],
    ]);
  });

  it("gives an empty listing one page", () => {
    expect(paginate([], 20, "/")).toMatchObject([{ url: "/", total: 1, items: [] }]);
  });
});

describe("estimateReadingMinutes", () => {
  it("counts about 230 words a minute", () => {
    expect(estimateReadingMinutes(`<p>${"word ".repeat(1150)}</p>`)).toBe(5);
  });
  it("counts CJK characters, which have no spaces between words", () => {
    expect(estimateReadingMinutes(`<p>${"阿".repeat(2300)}</p>`)).toBe(5);
  });
  it("never says zero", () => {
    expect(estimateReadingMinutes("<p>Hi</p>")).toBe(1);
  });
});
