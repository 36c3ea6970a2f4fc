/** WordPress's local spam rules, as pure functions over the reply's text. */
import type { ReplySettings } from "../../shared/article-manifest.ts";
import { createReplyMarkdown } from "../../shared/reply-markdown.ts";
import { ReplyError } from "./reply-error.ts";
import type { ReplyInput } from "./validate-fields.ts";

/** Reasons a reply goes to a moderator instead of straight onto the page. */
export type ModerationReason = "links" | "moderation_word" | "akismet_spam" | "unverified";

/** WordPress's comment_max_links default: two links or more hold a reply for moderation. */
export const MAX_LINKS = 2;

/** A bare address in plain text: not a link on the page, but what spam looks like all the same. */
const BARE_URL = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>()]+/gi;

const replyMarkdown = createReplyMarkdown();

/**
 * Every <a> the reply renderer would emit ([a](//x), <mailto:…>, reference links: whatever
 * it turns into a link), plus bare addresses in the text outside links and code.
 */
export function countLinks(text: string): number {
  let count = 0;
  for (const block of replyMarkdown.parse(text, {})) {
    let insideLink = 0;
    for (const token of block.children ?? []) {
      if (token.type === "link_open") {
        count += 1;
        insideLink += 1;
      } else if (token.type === "link_close") insideLink -= 1;
      else if (token.type === "text" && insideLink === 0) count += token.content.match(BARE_URL)?.length ?? 0;
    }
  }
  return count;
}

/** Case-insensitive substring match in any field the reader wrote, like WordPress's key lists. */
export function findListedWord(input: ReplyInput, words: readonly string[]): string | undefined {
  const haystack = [input.author, input.email, input.url ?? "", input.body].join("\n").toLowerCase();
  return words.find((word) => word.trim() !== "" && haystack.includes(word.trim().toLowerCase()));
}

export function rejectDisallowed(input: ReplyInput, settings: ReplySettings): void {
  if (findListedWord(input, settings.disallowedWords)) throw new ReplyError("content_disallowed");
}

export function listModerationReasons(input: ReplyInput, settings: ReplySettings): ModerationReason[] {
  const reasons: ModerationReason[] = [];
  if (countLinks(input.body) >= MAX_LINKS) reasons.push("links");
  if (findListedWord(input, settings.moderationWords)) reasons.push("moderation_word");
  return reasons;
}
