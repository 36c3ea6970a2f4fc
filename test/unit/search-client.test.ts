import { describe, expect, it } from "vitest";
import { sanitizeExcerpt } from "../../src/client/sanitize-excerpt.ts";
import { describeResults, hasSearch, readSearchState, toPagefindOptions, writeSearchState } from "../../src/client/search-state.ts";

describe("sanitizeExcerpt", () => {
  it.each([
    ["keeps Pagefind's marks", "the <mark>market</mark> rose", "the <mark>market</mark> rose"],
    [
      "keeps escaped text escaped once",
      "A &lt;script&gt;alert(1)&lt;/script&gt; <mark>headline</mark> &amp; more",
      "A &lt;script&gt;alert(1)&lt;/script&gt; <mark>headline</mark> &amp; more",
    ],
    ["escapes a raw tag", "<img src=x onerror=alert(1)> <mark>x</mark>", "&lt;img src=x onerror=alert(1)&gt; <mark>x</mark>"],
    ["escapes a script tag", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["does not let a mark carry attributes", '<mark onclick="x()">a</mark>', "&lt;mark onclick=&quot;x()&quot;&gt;a</mark>"],
    ["escapes a bare ampersand", "AT&T and R&D", "AT&amp;T and R&amp;D"],
    ["escapes quotes", `"quoted" 'text'`, "&quot;quoted&quot; &#39;text&#39;"],
    ["keeps numeric entities", "&#39;s &#x4e2d;", "&#39;s &#x4e2d;"],
  ])("%s", (_name, input, expected) => {
    expect(sanitizeExcerpt(input)).toBe(expected);
  });

  it("produces no element but <mark> when parsed", () => {
    const html = sanitizeExcerpt('<mark>a</mark><iframe src="javascript:alert(1)"></iframe><b>b</b><svg onload=alert(1)>');
    expect(html.match(/<[a-z]+/gi)).toEqual(["<mark"]);
  });
});

describe("search state in the URL", () => {
  it("reads query, filters and sort, tidying spaces and repeats", () => {
    const state = readSearchState(
      new URLSearchParams("q=+market++report+&tag=Gucci&tag=Retail&tag=Gucci&category=Business&year=2024&sort=newest"),
    );
    expect(state).toEqual({ query: "market report", tags: ["Gucci", "Retail"], category: "Business", year: "2024", sort: "newest" });
  });

  it("falls back to best match for an unknown sort and to nothing for missing values", () => {
    expect(readSearchState(new URLSearchParams("sort=sideways"))).toEqual({
      query: "",
      tags: [],
      category: "",
      year: "",
      sort: "relevance",
    });
  });

  it("writes the same URL it reads, leaving out defaults", () => {
    const query = "q=%E9%98%BF%E9%87%8C%E5%B7%B4%E5%B7%B4&category=Business&year=2024&tag=IACC&sort=newest";
    expect(writeSearchState(readSearchState(new URLSearchParams(query))).toString()).toBe(query);
    expect(writeSearchState(readSearchState(new URLSearchParams("q=x&sort=relevance&tag="))).toString()).toBe("q=x");
  });

  it("turns filters and sort into Pagefind's options", () => {
    const state = readSearchState(new URLSearchParams("q=x&tag=A&tag=B&year=2024&sort=newest"));
    expect(toPagefindOptions(state)).toEqual({ filters: { tag: ["A", "B"], year: ["2024"] }, sort: { date: "desc" } });
    expect(toPagefindOptions(readSearchState(new URLSearchParams("q=x")))).toEqual({ filters: {} });
  });

  it.each([
    ["", false],
    ["q=x", true],
    ["tag=Gucci", true],
    ["year=2024", true],
    ["sort=newest", false],
  ])("has something to search for in ?%s: %s", (query, expected) => {
    expect(hasSearch(readSearchState(new URLSearchParams(query)))).toBe(expected);
  });

  it.each([
    [0, "q=zzz", "No articles found for “zzz”."],
    [1, "q=market", "1 article found for “market”."],
    [3, "q=market&tag=Gucci", "3 articles found for “market” with the chosen filters."],
    [5, "category=Business", "5 articles found with the chosen filters."],
  ])("announces %i results for ?%s", (count, query, expected) => {
    expect(describeResults(count, readSearchState(new URLSearchParams(query)))).toBe(expected);
  });
});
