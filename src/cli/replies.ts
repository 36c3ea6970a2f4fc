/**
 * `npm run replies -- list | approve ID… | reject ID…`: moderate readers' replies in this
 * checkout (or REPLY_REPO_DIR). Approve and reject each make one commit; push to publish.
 */
import path from "node:path";
import { runRepliesCli } from "../replies/moderation/moderation-cli.ts";
import { readEnv } from "../shared/env.ts";

const env = readEnv();
const repoDir = path.resolve(env.REPLY_REPO_DIR ?? ".");
const contentDir = path.relative(repoDir, path.resolve(env.CONTENT_DIR ?? path.join(repoDir, "content")));

process.exitCode = await runRepliesCli(
  process.argv.slice(2),
  { repoDir, contentDir: contentDir.split(path.sep).join("/") },
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
);
