import type { Manifest } from "../../../src/shared/article-manifest.ts";

export const ORIGIN = "https://broadsheet.example.org";
/** The injected "now" of the pipeline tests. */
export const NOW = new Date("2024-06-01T12:00:00.000Z");

export function makeManifest(replies: Partial<Manifest["replies"]> = {}): Manifest {
  return {
    site: { url: `${ORIGIN}/`, origins: [ORIGIN] },
    replies: {
      moderationWords: ["casino"],
      disallowedWords: ["forbiddenword"],
      closeAfterDays: 365,
      skipDeployOnReply: false,
      ...replies,
    },
    articles: [
      { key: "open-article", title: "Open", url: "/articles/open-article/", date: "2024-05-01", repliesOpen: true },
      { key: "other-article", title: "Other", url: "/articles/other-article/", date: "2024-05-02", repliesOpen: true },
      { key: "closed-article", title: "Closed", url: "/articles/closed-article/", date: "2024-05-03", repliesOpen: false },
      // Open when the build ran, but more than closeAfterDays before NOW.
      { key: "old-article", title: "Old", url: "/articles/old-article/", date: "2023-05-01", repliesOpen: true },
    ],
  };
}
