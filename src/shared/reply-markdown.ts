/**
 * Readers' replies get their own markdown-it instance, never the articles' one (which allows
 * raw HTML): no HTML, no images, no typographer. Links may only be http(s), mailto or
 * relative (markdown-it's own check lets data:image/… through), and are marked as user
 * content. In src/shared because the build renders replies with it and the reply pipeline
 * counts the links it would render (src/replies/pipeline/spam-rules.ts).
 */
import MarkdownIt from "markdown-it";

const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

export function createReplyMarkdown(): MarkdownIt {
  const markdown = new MarkdownIt("default", { html: false, linkify: false, typographer: false });
  markdown.disable(["image", "heading", "lheading", "table", "hr"]);
  markdown.validateLink = isAllowedReplyLink;
  const renderToken = markdown.renderer.renderToken.bind(markdown.renderer);
  markdown.renderer.rules.link_open = (tokens, index, options) => {
    tokens[index]!.attrSet("rel", "nofollow ugc noopener");
    return renderToken(tokens, index, options);
  };
  return markdown;
}

/** A link target a reply may have: an allowed scheme, or none at all (relative, //host, #fragment). */
export function isAllowedReplyLink(url: string): boolean {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return scheme === undefined || ALLOWED_SCHEMES.has(scheme.toLowerCase());
}
