/**
 * The articles' markdown renderer. Authors are trusted, so raw HTML is allowed here (as in
 * Eleventy's own instance). Typographer is off: the authors' text is kept as written.
 * Reader replies never come through this instance.
 */
import MarkdownIt from "markdown-it";

export function createArticleMarkdown(): MarkdownIt {
  return new MarkdownIt({ html: true, linkify: true, typographer: false });
}
