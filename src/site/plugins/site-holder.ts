/**
 * The loaded site, shared by the plugins of one Eleventy configuration: the site-data plugin
 * loads it on every (re)build, or takes the one the build's render worker loaded before
 * Eleventy started, and the search plugin indexes what it loaded. One object made per
 * configuration and passed to both plugins as an option, so nothing travels through module
 * state and two Eleventy instances in one process never see each other's site.
 */
import type { LoadedSite } from "../content/load-site.ts";

export interface SiteHolder {
  /** The site loaded before Eleventy started (the render worker's), handed over once. */
  takePreloaded(): LoadedSite | undefined;
  set(site: LoadedSite): void;
  /** The site as the last (re)build loaded it. */
  current(): LoadedSite;
}

export function createSiteHolder(preloaded?: LoadedSite): SiteHolder {
  let waiting = preloaded;
  let latest: LoadedSite | undefined;
  return {
    takePreloaded() {
      const site = waiting;
      waiting = undefined;
      return site;
    },
    set(site) {
      latest = site;
    },
    current() {
      if (!latest) throw new Error("Site data read before it was loaded");
      return latest;
    },
  };
}
