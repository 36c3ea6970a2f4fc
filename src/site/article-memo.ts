/**
 * The dev server's memory between rebuilds: an article whose file text has not changed is
 * not parsed again, and a body whose markdown has not changed is not rendered again. With
 * 10,000 articles that is most of a rebuild's loading time. Full builds do not use it.
 */
import { parseArticleSource, type ArticleSource, type ParsedArticle } from "./load-articles.ts";

export interface ArticleMemo {
  /** The text last read from this absolute path, if any. */
  knownText(path: string): string | undefined;
  parseOne(source: ArticleSource, timeZone: string): ParsedArticle;
  render(body: string): string;
  /** Forgets entries this build did not use, so deleted articles do not pile up. */
  sweep(): void;
}

export function createArticleMemo(renderMarkdown: (body: string) => string): ArticleMemo {
  let parsed = new Map<string, { text: string; timeZone: string; article: ParsedArticle }>();
  let rendered = new Map<string, string>();
  let usedParsed = new Map<string, { text: string; timeZone: string; article: ParsedArticle }>();
  let usedRendered = new Map<string, string>();
  const texts = new Map<string, string>();
  return {
    knownText: (file) => texts.get(file),
    parseOne(source, timeZone) {
      if (source.path) texts.set(source.path, source.text);
      const hit = parsed.get(source.file);
      const entry = hit && hit.text === source.text && hit.timeZone === timeZone
        ? hit
        : { text: source.text, timeZone, article: parseArticleSource(source, timeZone) };
      usedParsed.set(source.file, entry);
      return entry.article;
    },
    render(body) {
      const html = rendered.get(body) ?? renderMarkdown(body);
      usedRendered.set(body, html);
      return html;
    },
    sweep() {
      [parsed, rendered] = [usedParsed, usedRendered];
      [usedParsed, usedRendered] = [new Map(), new Map()];
    },
  };
}
