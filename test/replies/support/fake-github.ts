/**
 * A loopback stand-in for the parts of GitHub's REST API the reply store uses, with GitHub's
 * documented limits enforced, so a store that would be refused in production is refused here:
 * - contents: GET file or folder (a folder lists at most 1,000 entries), PUT create/update
 *   (422 without a sha when the file exists, 409 on a stale sha, 404 when the branch is missing);
 * - Git Data: refs (GET, POST, PATCH fast-forward only), commits, trees (base_tree, nested
 *   paths, deletion by sha null: 422 when the path is not there), blobs;
 * - 100 concurrent requests; secondary limits of 900 points a minute (GET 1, writes 5) and
 *   80 content-creating requests a minute / 500 an hour, answered 403 with retry-after; the
 *   primary 5,000 requests an hour (403, x-ratelimit-remaining 0, x-ratelimit-reset).
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * https://docs.github.com/en/rest/repos/contents#get-repository-content
 * The clock is injectable so hours of traffic run in seconds. Faults can be queued per method.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Fault {
  status?: number;
  headers?: Record<string, string>;
  /** Wait this long before answering (the client times out first). */
  hangMs?: number;
  /** With hangMs: the request is carried out now, only its answer is late (lost to a timeout). */
  apply?: boolean;
}

interface Blob {
  kind: "blob";
  text: string;
}
interface TreeEntry {
  mode: string;
  type: "blob" | "tree";
  sha: string;
}
interface Tree {
  kind: "tree";
  entries: Map<string, TreeEntry>;
}
interface Commit {
  kind: "commit";
  tree: string;
  parents: string[];
  message: string;
  committer: { name: string; email: string };
}
type GitObject = Blob | Tree | Commit;

export interface FakeRequest {
  method: string;
  url: string;
  at: number;
  status: number;
}

export interface FakeGitHubOptions {
  repo?: string;
  now?: () => number;
  /** GitHub's documented limits; a test of something else may lift them. */
  limits?: Partial<typeof GITHUB_LIMITS>;
}

export const GITHUB_LIMITS = {
  concurrent: 100,
  pointsPerMinute: 900,
  contentPerMinute: 80,
  contentPerHour: 500,
  requestsPerHour: 5_000,
  listing: 1_000,
};

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const EMPTY_TREE: Tree = { kind: "tree", entries: new Map() };

export async function startFakeGitHub(options: FakeGitHubOptions = {}) {
  const repo = options.repo ?? "owner/site";
  const now = options.now ?? Date.now;
  const limits = { ...GITHUB_LIMITS, ...options.limits };
  const objects = new Map<string, GitObject>();
  const refs = new Map<string, string>();
  const requests: FakeRequest[] = [];
  const faults: Record<string, Fault[]> = {};
  const prefix = `/repos/${repo}`;
  let inFlight = 0;
  /** Time spent in the fake's own request handling, so a measure can leave GitHub's side out. */
  let serverMs = 0;
  let peakInFlight = 0;
  const spent: { at: number; points: number; content: boolean }[] = [];

  const store = (object: GitObject): string => {
    const sha =
      object.kind === "blob"
        ? createHash("sha1")
            .update(`blob ${Buffer.byteLength(object.text)}\0`)
            .update(object.text)
            .digest("hex")
        : sha1(
            JSON.stringify(
              object.kind === "tree" ? ["tree", [...object.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))] : object,
            ),
          );
    if (!objects.has(sha)) objects.set(sha, object);
    return sha;
  };
  const emptyTreeSha = store(EMPTY_TREE);
  const get = <K extends GitObject["kind"]>(sha: string, kind: K) => {
    const object = objects.get(sha);
    return object?.kind === kind ? (object as Extract<GitObject, { kind: K }>) : undefined;
  };

  const resolveCommit = (ref: string) => refs.get(ref) ?? (get(ref, "commit") ? ref : undefined);
  const lookup = (treeSha: string, path: string): TreeEntry | undefined => {
    let entry: TreeEntry | undefined = { mode: "040000", type: "tree", sha: treeSha };
    for (const part of path.split("/").filter(Boolean)) {
      if (entry?.type !== "tree") return undefined;
      entry = get(entry.sha, "tree")!.entries.get(part);
    }
    return entry;
  };
  /** A new tree with `path` set to the entry (or removed: null), making folders as needed. */
  const writePath = (treeSha: string | undefined, parts: string[], entry: TreeEntry | null): string | "missing" => {
    const entries = new Map(treeSha ? get(treeSha, "tree")!.entries : []);
    const [head, ...rest] = parts as [string, ...string[]];
    if (rest.length === 0) {
      if (entry === null) {
        if (!entries.delete(head)) return "missing";
      } else entries.set(head, entry);
    } else {
      const child = entries.get(head);
      const sub = writePath(child?.type === "tree" ? child.sha : undefined, rest, entry);
      if (sub === "missing") return entry === null ? "missing" : sub;
      if (get(sub, "tree")!.entries.size === 0) entries.delete(head);
      else entries.set(head, { mode: "040000", type: "tree", sha: sub });
    }
    return store({ kind: "tree", entries });
  };
  const commitOn = (branch: string, tree: string, message: string, committer = { name: "Fake", email: "fake@example.invalid" }) => {
    const parent = refs.get(branch);
    const sha = store({ kind: "commit", tree, parents: parent ? [parent] : [], message, committer });
    refs.set(branch, sha);
    return sha;
  };
  const treeOf = (branch: string) => {
    const head = refs.get(branch);
    return head ? get(head, "commit")!.tree : undefined;
  };

  type Answer = [number, unknown, Record<string, string>?];
  const handle = (method: string, url: URL, body: string): Answer => {
    const route = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "";
    const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    const contents = route.startsWith("/contents/") ? decodeURIComponent(route.slice("/contents/".length)) : undefined;

    if (method === "GET" && contents !== undefined) {
      const commit = resolveCommit(url.searchParams.get("ref") ?? "main");
      const entry = commit ? lookup(get(commit, "commit")!.tree, contents) : undefined;
      if (!entry) return [404, { message: "Not Found" }];
      if (entry.type === "blob") {
        const text = get(entry.sha, "blob")!.text;
        return [200, { type: "file", path: contents, sha: entry.sha, encoding: "base64", content: Buffer.from(text).toString("base64") }];
      }
      const listing = [...get(entry.sha, "tree")!.entries].slice(0, limits.listing);
      return [
        200,
        listing.map(([name, child]) => ({
          type: child.type === "tree" ? "dir" : "file",
          name,
          path: `${contents}/${name}`,
          sha: child.sha,
        })),
      ];
    }
    if (method === "PUT" && contents !== undefined) {
      const branch = String(payload.branch ?? "main");
      if (!refs.has(branch)) return [404, { message: `Branch ${branch} not found` }];
      const existing = lookup(treeOf(branch)!, contents);
      if (existing && payload.sha === undefined) return [422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' }];
      if (existing && payload.sha !== existing.sha) return [409, { message: `${contents} does not match ${String(payload.sha)}` }];
      const blob = store({ kind: "blob", text: Buffer.from(String(payload.content), "base64").toString("utf8") });
      const tree = writePath(treeOf(branch), contents.split("/"), { mode: "100644", type: "blob", sha: blob }) as string;
      const commit = commitOn(branch, tree, String(payload.message), payload.committer as Commit["committer"]);
      return [existing ? 200 : 201, { content: { path: contents, sha: blob }, commit: { sha: commit } }];
    }
    const refMatch = /^\/git\/refs?\/heads\/(.+)$/.exec(route);
    if (refMatch) {
      const branch = decodeURIComponent(refMatch[1]!);
      const head = refs.get(branch);
      if (method === "GET")
        return head ? [200, { ref: `refs/heads/${branch}`, object: { type: "commit", sha: head } }] : [404, { message: "Not Found" }];
      if (method === "PATCH") {
        const target = String(payload.sha);
        if (!head || !get(target, "commit")) return [422, { message: "Reference does not exist" }];
        if (payload.force !== true && !isAncestor(head, target)) return [422, { message: "Update is not a fast forward" }];
        refs.set(branch, target);
        return [200, { ref: `refs/heads/${branch}`, object: { sha: target } }];
      }
    }
    if (method === "POST" && route === "/git/refs") {
      const branch = String(payload.ref).replace(/^refs\/heads\//, "");
      if (refs.has(branch)) return [422, { message: "Reference already exists" }];
      if (!get(String(payload.sha), "commit")) return [422, { message: "Object does not exist" }];
      refs.set(branch, String(payload.sha));
      return [201, { ref: payload.ref, object: { sha: payload.sha } }];
    }
    const commitMatch = /^\/git\/commits\/([0-9a-f]{40})$/.exec(route);
    if (method === "GET" && commitMatch) {
      const commit = get(commitMatch[1]!, "commit");
      if (!commit) return [404, { message: "Not Found" }];
      return [
        200,
        { sha: commitMatch[1], tree: { sha: commit.tree }, parents: commit.parents.map((sha) => ({ sha })), message: commit.message },
      ];
    }
    if (method === "POST" && route === "/git/commits") {
      const parents = (payload.parents as string[]) ?? [];
      if (!get(String(payload.tree), "tree") || parents.some((sha) => !get(sha, "commit")))
        return [422, { message: "Invalid tree or parent" }];
      return [
        201,
        {
          sha: store({
            kind: "commit",
            tree: String(payload.tree),
            parents,
            message: String(payload.message),
            committer: payload.committer as Commit["committer"],
          }),
        },
      ];
    }
    const treeMatch = /^\/git\/trees\/([0-9a-f]{40})$/.exec(route);
    if (method === "GET" && treeMatch) {
      const tree = get(treeMatch[1]!, "tree");
      if (!tree) return [404, { message: "Not Found" }];
      return [200, { sha: treeMatch[1], tree: [...tree.entries].map(([path, entry]) => ({ path, ...entry })), truncated: false }];
    }
    if (method === "POST" && route === "/git/trees") {
      let tree = payload.base_tree === undefined ? emptyTreeSha : String(payload.base_tree);
      if (!get(tree, "tree")) return [422, { message: "base_tree is not a tree" }];
      for (const item of payload.tree as { path: string; mode: string; content?: string; sha?: string | null }[]) {
        const entry =
          item.sha === null
            ? null
            : {
                mode: item.mode,
                type: "blob" as const,
                sha: item.content !== undefined ? store({ kind: "blob", text: item.content }) : String(item.sha),
              };
        const next = writePath(tree, item.path.split("/"), entry);
        if (next === "missing") return [422, { message: `GitRPC::BadObjectState: ${item.path} is not in the tree` }];
        tree = next;
      }
      return [201, { sha: tree }];
    }
    const blobMatch = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(route);
    if (method === "GET" && blobMatch) {
      const blob = get(blobMatch[1]!, "blob");
      if (!blob) return [404, { message: "Not Found" }];
      return [200, { sha: blobMatch[1], encoding: "base64", content: Buffer.from(blob.text).toString("base64") }];
    }
    return [404, { message: "Not Found" }];
  };

  const isAncestor = (ancestor: string, commit: string): boolean => {
    const seen = new Set<string>();
    const queue = [commit];
    while (queue.length > 0) {
      const sha = queue.pop()!;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(get(sha, "commit")?.parents ?? []));
    }
    return false;
  };

  /** GitHub's limits, checked before the request is carried out. */
  const refuseOverLimit = (method: string): Answer | undefined => {
    const at = now();
    while (spent.length > 0 && at - spent[0]!.at >= 3_600_000) spent.shift();
    const content = method !== "GET";
    const lastMinute = spent.filter((entry) => at - entry.at < 60_000);
    const wait = (window: number, entries: typeof spent) => String(Math.max(1, Math.ceil((entries[0]!.at + window - at) / 1000)));
    const secondary = (window: number, entries: typeof spent): Answer => [
      403,
      { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
      { "retry-after": wait(window, entries) },
    ];
    if (inFlight > limits.concurrent)
      return [403, { message: "You have exceeded a secondary rate limit (concurrent requests)." }, { "retry-after": "1" }];
    if (spent.length >= limits.requestsPerHour) {
      return [
        403,
        { message: "API rate limit exceeded" },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.ceil((spent[0]!.at + 3_600_000) / 1000)) },
      ];
    }
    if (lastMinute.reduce((sum, entry) => sum + entry.points, 0) + (content ? 5 : 1) > limits.pointsPerMinute)
      return secondary(60_000, lastMinute);
    if (content) {
      const contentMinute = lastMinute.filter((entry) => entry.content);
      if (contentMinute.length >= limits.contentPerMinute) return secondary(60_000, contentMinute);
      const contentHour = spent.filter((entry) => entry.content);
      if (contentHour.length >= limits.contentPerHour) return secondary(3_600_000, contentHour);
    }
    spent.push({ at, points: content ? 5 : 1, content });
    return undefined;
  };

  const send = (res: ServerResponse, [status, body, headers]: Answer) => {
    if (res.destroyed) return;
    res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
  };

  const server = createServer((req: IncomingMessage, res) => {
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.on("close", () => (inFlight -= 1));
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const started = process.cpuUsage();
      const method = req.method ?? "GET";
      const fault = faults[method]?.shift();
      const record = (status: number) => requests.push({ method, url: req.url ?? "", at: now(), status });
      const limited = refuseOverLimit(method);
      if (limited) {
        record(limited[0]);
        return send(res, limited);
      }
      if (fault?.status) {
        record(fault.status);
        return send(res, [fault.status, { message: "fault" }, fault.headers]);
      }
      // With apply, the request is carried out now and only the answer is late.
      const dropped = fault?.hangMs !== undefined && !fault.apply;
      const answer: Answer = dropped ? [504, {}] : handle(method, new URL(req.url ?? "/", "http://localhost"), body);
      record(answer[0]);
      // CPU, not wall time: the handling is synchronous, so this is the fake's own work.
      const used = process.cpuUsage(started);
      serverMs += (used.user + used.system) / 1000;
      if (fault?.hangMs !== undefined) setTimeout(() => send(res, answer), fault.hangMs);
      else send(res, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  /** Every path of a branch's head, with its text. */
  const filesOf = (branch: string): Map<string, string> => {
    const out = new Map<string, string>();
    const walk = (sha: string, base: string) => {
      for (const [name, entry] of get(sha, "tree")!.entries) {
        if (entry.type === "tree") walk(entry.sha, `${base}${name}/`);
        else out.set(`${base}${name}`, get(entry.sha, "blob")!.text);
      }
    };
    const tree = treeOf(branch);
    if (tree) walk(tree, "");
    return out;
  };

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    repo,
    requests,
    peakInFlight: () => peakInFlight,
    serverMs: () => serverMs,
    /** The text at a path on a branch's head. */
    read: (branch: string, path: string) => {
      const tree = treeOf(branch);
      const entry = tree ? lookup(tree, path) : undefined;
      return entry?.type === "blob" ? get(entry.sha, "blob")!.text : undefined;
    },
    files: filesOf,
    hasBranch: (branch: string) => refs.has(branch),
    /** Commits of a branch, newest first: message and the paths each changed. */
    log: (branch: string) => {
      const out: { message: string; committer: Commit["committer"]; changed: string[] }[] = [];
      for (let sha = refs.get(branch); sha; ) {
        const commit = get(sha, "commit")!;
        const parentTree = commit.parents[0] ? get(commit.parents[0], "commit")!.tree : emptyTreeSha;
        out.push({ message: commit.message, committer: commit.committer, changed: diffTrees(parentTree, commit.tree) });
        sha = commit.parents[0];
      }
      return out;
    },
    /** Every text ever reachable from a branch: what `git log -p` of it would show. */
    historyText: (branch: string) => {
      const texts: string[] = [];
      const seen = new Set<string>();
      const visit = (sha: string) => {
        if (seen.has(sha)) return;
        seen.add(sha);
        const object = objects.get(sha)!;
        if (object.kind === "blob") texts.push(object.text);
        else if (object.kind === "tree") for (const entry of object.entries.values()) visit(entry.sha);
        else {
          texts.push(object.message);
          visit(object.tree);
          object.parents.forEach(visit);
        }
      };
      const head = refs.get(branch);
      if (head) visit(head);
      return texts.join("\n");
    },
    /** Commits files directly (test setup), one commit for all. */
    seed: (branch: string, files: Record<string, string>, message = "Seed") => {
      let tree = treeOf(branch) ?? emptyTreeSha;
      for (const [path, text] of Object.entries(files))
        tree = writePath(tree, path.split("/"), { mode: "100644", type: "blob", sha: store({ kind: "blob", text }) }) as string;
      commitOn(branch, tree, message);
    },
    inject: (method: "GET" | "PUT" | "POST" | "PATCH", ...queued: Fault[]) => {
      faults[method] = [...(faults[method] ?? []), ...queued];
    },
    /** GitHub is well again: faults not yet used are dropped. */
    clearFaults: () => {
      for (const method of Object.keys(faults)) delete faults[method];
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };

  function diffTrees(before: string, after: string, base = ""): string[] {
    const a = get(before, "tree")!.entries;
    const b = get(after, "tree")!.entries;
    const changed: string[] = [];
    for (const name of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(name);
      const y = b.get(name);
      if (x?.sha === y?.sha) continue;
      if (x?.type === "tree" || y?.type === "tree")
        changed.push(...diffTrees(x?.type === "tree" ? x.sha : emptyTreeSha, y?.type === "tree" ? y.sha : emptyTreeSha, `${base}${name}/`));
      else changed.push(`${base}${name}`);
    }
    return changed.sort();
  }
}

export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;
