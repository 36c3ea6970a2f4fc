/**
 * The articles' markdown renderer. Authors are trusted, so raw HTML is allowed here (as in
 * Eleventy's own instance). Typographer is off: the authors' text is kept as written.
 * Linkify is off: its Unicode pretest regex ran over every text run and was 13% of a
 * 10,000-article load; authors link with [text](url) or CommonMark's <https://…>.
 * Reader replies never come through this instance.
 */
import MarkdownIt from "markdown-it";

export function createArticleMarkdown(): MarkdownIt {
  return new MarkdownIt({ html: true, linkify: false, typographer: false });
}
