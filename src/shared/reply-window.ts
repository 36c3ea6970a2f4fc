/**
 * When an article stops taking replies: closeAfterDays calendar days after it was published,
 * counted in the site's time zone (WordPress's close_comments_days_old). The build decides
 * it for the pages and the reply function decides it again for each request, as of that
 * moment, with this same function: counted in 24-hour days they would disagree by an hour
 * across a daylight-saving change.
 */
import { DateTime } from "luxon";

export function isPastReplyWindow(published: DateTime, closeAfterDays: number | null, now: DateTime): boolean {
  return closeAfterDays !== null && published.plus({ days: closeAfterDays }) <= now;
}

/**
 * An article date as the manifest stores it (ISO 8601), in the site's zone; a manifest from
 * before the zone was recorded counts in UTC, as the function did then.
 */
export function readPublished(iso: string, timeZone: string | undefined): DateTime {
  return DateTime.fromISO(iso, { zone: timeZone ?? "UTC" });
}
