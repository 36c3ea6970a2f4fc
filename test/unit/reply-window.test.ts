import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { findOpenArticle } from "../../src/replies/pipeline/find-article.ts";
import { isPastReplyWindow } from "../../src/shared/reply-window.ts";
import { makeManifest } from "../replies/support/manifest.ts";

// New York moves its clocks forward on 2026-03-08: 30 calendar days after noon on 1 March is
// noon (EDT) on 31 March, an hour before 30 × 24 hours have passed.
const ZONE = "America/New_York";
const PUBLISHED = "2026-03-01T12:00:00.000-05:00";
const CLOSES = DateTime.fromISO("2026-03-31T12:00:00", { zone: ZONE });

function manifestAcrossDst() {
  const manifest = makeManifest({ closeAfterDays: 30 });
  manifest.site.timeZone = ZONE;
  manifest.articles = [{ key: "spring", title: "Spring", url: "/articles/spring/", date: PUBLISHED, repliesOpen: true }];
  return manifest;
}

describe("the reply window across a daylight-saving change", () => {
  it("closes at the same moment for the build and for the reply function", () => {
    const published = DateTime.fromISO(PUBLISHED, { zone: ZONE });
    const justBefore = CLOSES.minus({ minutes: 1 });
    const justAfter = CLOSES.plus({ minutes: 30 });
    expect(isPastReplyWindow(published, 30, justBefore)).toBe(false);
    expect(isPastReplyWindow(published, 30, justAfter)).toBe(true);
    expect(findOpenArticle(manifestAcrossDst(), "spring", justBefore.toJSDate()).key).toBe("spring");
    // Counted in 24-hour days, this moment was still open: the build already showed the form closed.
    expect(() => findOpenArticle(manifestAcrossDst(), "spring", justAfter.toJSDate())).toThrow(
      expect.objectContaining({ code: "replies_closed" }),
    );
  });
});
