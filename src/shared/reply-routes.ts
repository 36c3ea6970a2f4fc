/**
 * Where replies live and where they are posted, named once: the build, the function, the dev
 * server, the preview, the moderation commands and the templates (through the reply form's
 * global data) all read these, so a change here moves every one of them.
 */

/** The folder under the content folder that holds one JSON file per reply. */
export const REPLIES_DIR = "replies";

/** Where the reply form posts: the Netlify function's path, and the dev server's and preview's route. */
export const REPLY_ENDPOINT = "/api/replies";

/** The moderation pages behind the signed links in notices: served by the same function. */
export const MODERATION_ENDPOINT = `${REPLY_ENDPOINT}/moderate`;

/** Where a reply posted without JavaScript lands: one page per outcome, /replies/status/<code>/. */
export const REPLY_STATUS_PAGE = "/replies/status/";

/** WordPress's default thread_comments_depth: a top-level reply is depth 1. */
export const MAX_THREAD_DEPTH = 5;
