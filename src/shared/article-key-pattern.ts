/**
 * What an article's key looks like: lowercase letters, digits and single hyphens. The build
 * reads keys from file names (src/site/content/article-key.ts) and the reply pipeline checks
 * the key a reader sends against the same pattern, so the two can never disagree.
 */
export const ARTICLE_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
