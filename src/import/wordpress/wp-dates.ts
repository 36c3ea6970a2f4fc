/** WordPress dates ("2016-05-12 09:30:00", GMT or the site's local time) as luxon DateTimes. */
import { DateTime } from "luxon";

const ZERO = /^0000-00-00/;
const FORMAT = "yyyy-MM-dd HH:mm:ss";

/** The GMT date when WordPress set one; drafts have 0000-00-00, so their local date in `timeZone`. */
export function readWpDate(gmt: string, local: string, timeZone: string): DateTime | undefined {
  if (gmt.trim() && !ZERO.test(gmt.trim())) {
    const parsed = DateTime.fromFormat(gmt.trim(), FORMAT, { zone: "utc" });
    if (parsed.isValid) return parsed;
  }
  if (local.trim() && !ZERO.test(local.trim())) {
    const parsed = DateTime.fromFormat(local.trim(), FORMAT, { zone: timeZone });
    if (parsed.isValid) return parsed;
  }
  return undefined;
}

/** What the front matter holds: the site's time zone with its offset, to the second. */
export function toFrontMatterDate(date: DateTime, timeZone: string): string {
  return date.setZone(timeZone).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}
