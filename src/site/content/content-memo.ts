/**
 * The dev server's memory between rebuilds of the content folder: an article or reply file
 * whose text has not changed is not parsed again, and a body or reply whose markdown has not
 * changed is not rendered again, and related articles are not found again while tags stay put.
 * With 10,000 articles that is most of a rebuild's loading time. Full builds do not use it.
 */
import type { ReplyRecord } from "../../shared/reply-record.ts";
import { type findRelated, memoizeRelated } from "../model/related.ts";
import { type ArticleMedia, type ArticleSource, type ParsedArticle, parseArticleSource } from "./load-articles.ts";
import { parseReplySource, type ReplySource } from "./load-replies.ts";

export interface ContentMemo {
  /** The text last read from this absolute path, if any. */
  knownText(path: string): string | undefined;
  parseOne(source: ArticleSource, timeZone: string, media?: ArticleMedia): ParsedArticle;
  render(body: string): string;
  renderReply(body: string): string;
  /** A reply file whose text has not changed gives back the same record (its date label stays formatted). */
  parseReply(source: ReplySource): ReplyRecord;
  /** The approved replies as last read: kept while no file under replies/ changes. */
  replies: Map<string, ReplyRecord[]> | undefined;
  /** Related articles, not computed again while no article's tags or place changed. */
  findRelated: typeof findRelated;
  /** Forgets entries this build did not use, so deleted articles do not pile up. */
  sweep(): void;
}

/** Renders markdown once per distinct text; sweep() forgets texts not rendered since the last sweep. */
function createRenderMemo(render: (body: string) => string) {
  let rendered = new Map<string, string>();
  let used = new Map<string, string>();
  return {
    render(body: string): string {
      const html = rendered.get(body) ?? render(body);
      used.set(body, html);
      return html;
    },
    sweep(): void {
      [rendered, used] = [used, new Map()];
    },
  };
}

export function createContentMemo(renderMarkdown: (body: string) => string, renderReplyMarkdown: (body: string) => string): ContentMemo {
  let parsed = new Map<string, { text: string; timeZone: string; article: ParsedArticle }>();
  let usedParsed = new Map<string, { text: string; timeZone: string; article: ParsedArticle }>();
  const bodies = createRenderMemo(renderMarkdown);
  const replies = createRenderMemo(renderReplyMarkdown);
  let parsedReplies = new Map<string, { text: string; record: ReplyRecord }>();
  let usedReplies = new Map<string, { text: string; record: ReplyRecord }>();
  const texts = new Map<string, string>();
  return {
    knownText: (file) => texts.get(file),
    // An unchanged file keeps its parse, images included: a photograph deleted meanwhile
    // shows as a broken image until the article is saved again or the server restarts.
    parseOne(source, timeZone, media) {
      if (source.path) texts.set(source.path, source.text);
      const hit = parsed.get(source.file);
      const entry =
        hit && hit.text === source.text && hit.timeZone === timeZone
          ? hit
          : { text: source.text, timeZone, article: parseArticleSource(source, timeZone, media) };
      usedParsed.set(source.file, entry);
      return entry.article;
    },
    replies: undefined,
    parseReply(source) {
      if (source.path) texts.set(source.path, source.text);
      const hit = parsedReplies.get(source.file);
      const entry = hit && hit.text === source.text ? hit : { text: source.text, record: parseReplySource(source) };
      usedReplies.set(source.file, entry);
      return entry.record;
    },
    render: bodies.render,
    renderReply: replies.render,
    findRelated: memoizeRelated(),
    sweep() {
      [parsed, usedParsed] = [usedParsed, new Map()];
      [parsedReplies, usedReplies] = [usedReplies, new Map()];
      bodies.sweep();
      replies.sweep();
    },
  };
}
