/** WordPress's local spam rules, as pure functions over the reply's text. */
import type { ReplySettings } from "../../shared/article-manifest.ts";
import { ReplyError } from "./reply-error.ts";
import type { ReplyInput } from "./validate-fields.ts";

/** Reasons a reply goes to a moderator instead of straight onto the page. */
export type ModerationReason = "links" | "moderation_word" | "akismet_spam" | "unverified";

/** WordPress's comment_max_links default: two links or more hold a reply for moderation. */
export const MAX_LINKS = 2;

const LINK = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>()]+/gi;

export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
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
