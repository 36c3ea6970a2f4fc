/**
 * How Pagefind's index for a language reduces a query word before it extends it to longer
 * words: its English index stems with Snowball's English stemmer (Porter2), so "stariter" finds
 * words beginning "starit", "starituhon" among them. The search page needs the same stem to
 * load every chunk those words are in (shard-plan.ts, extensionProbe). Only English has a
 * stemmer here; in other languages the probe starts from the word as typed, and may miss the
 * end of a run of words that begin with its stem only.
 */
import { stem as englishStem } from "porter2";

export type Stemmer = (word: string) => string;

/** Pagefind's reading of a query word: lower case, without accents, without punctuation. */
export function normaliseWord(word: string): string {
  return word
    .normalize("NFD")
    .replace(/[\p{M}\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "")
    .toLowerCase();
}

/** The stemmer of an index in `language` (a BCP 47 tag): Porter2 for English, none for the others. */
export function stemmerFor(language: string): Stemmer {
  return language.toLowerCase().split("-")[0] === "en" ? englishStem : (word) => word;
}
