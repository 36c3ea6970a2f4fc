/**
 * Readers' replies get their own markdown-it instance, never the articles' one (which allows
 * raw HTML): no HTML, no images, no typographer. Links keep markdown-it's URL check (no
 * javascript:, vbscript:, file: or data: URLs) and are marked as user content.
 */
import MarkdownIt from "markdown-it";

export function createReplyMarkdown(): MarkdownIt {
  const markdown = new MarkdownIt("default", { html: false, linkify: false, typographer: false });
  markdown.disable(["image", "heading", "lheading", "table", "hr"]);
  const renderToken = markdown.renderer.renderToken.bind(markdown.renderer);
  markdown.renderer.rules.link_open = (tokens, index, options) => {
    tokens[index]!.attrSet("rel", "nofollow ugc noopener");
    return renderToken(tokens, index, options);
  };
  return markdown;
}
