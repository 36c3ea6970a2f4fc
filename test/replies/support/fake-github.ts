/**
 * A loopback stand-in for the parts of GitHub's REST API the store uses: contents (GET file,
 * GET directory, PUT create) and git blobs. Faults can be queued per method.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Fault {
  status?: number;
  headers?: Record<string, string>;
  /** Wait this long before answering (the client times out first). */
  hangMs?: number;
  /** With hangMs on a PUT: the commit happens, only the answer is late. */
  apply?: boolean;
}

export interface FakeCommit {
  path: string;
  message: string;
  branch: string;
  committer: { name: string; email: string };
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

export async function startFakeGitHub(repo = "owner/site") {
  const files = new Map<string, string>(); // path → file text
  const commits: FakeCommit[] = [];
  const requests: string[] = [];
  const faults: Record<string, Fault[]> = {};
  const prefix = `/repos/${repo}`;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
  };

  const list = (dir: string) => {
    const children = new Map<string, { type: string; name: string; path: string; sha: string }>();
    for (const [file, text] of files) {
      if (!file.startsWith(`${dir}/`)) continue;
      const [name, ...rest] = file.slice(dir.length + 1).split("/");
      const childPath = `${dir}/${name}`;
      if (rest.length === 0) children.set(name!, { type: "file", name: name!, path: childPath, sha: sha1(text) });
      else children.set(name!, { type: "dir", name: name!, path: childPath, sha: sha1(`tree:${childPath}`) });
    }
    return [...children.values()];
  };

  type Answer = [number, unknown];
  const handle = (req: IncomingMessage, body: string): Answer => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "";
    const contents = route.startsWith("/contents/") ? decodeURIComponent(route.slice("/contents/".length)) : undefined;

    if (req.method === "GET" && contents !== undefined) {
      const text = files.get(contents);
      if (text !== undefined) {
        return [200, { type: "file", path: contents, sha: sha1(text), encoding: "base64", content: Buffer.from(text).toString("base64") }];
      }
      const children = list(contents);
      return children.length ? [200, children] : [404, { message: "Not Found" }];
    }
    if (req.method === "GET" && route.startsWith("/git/blobs/")) {
      const sha = route.slice("/git/blobs/".length);
      const text = [...files.values()].find((candidate) => sha1(candidate) === sha);
      if (text === undefined) return [404, { message: "Not Found" }];
      return [200, { sha, encoding: "base64", content: Buffer.from(text).toString("base64") }];
    }
    if (req.method === "PUT" && contents !== undefined) {
      const put = JSON.parse(body) as {
        message: string;
        content: string;
        branch: string;
        sha?: string;
        committer: FakeCommit["committer"];
      };
      if (files.has(contents) && put.sha === undefined) return [422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' }];
      files.set(contents, Buffer.from(put.content, "base64").toString("utf8"));
      commits.push({ path: contents, message: put.message, branch: put.branch, committer: put.committer });
      return [201, { content: { path: contents } }];
    }
    return [404, { message: "Not Found" }];
  };

  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      requests.push(`${req.method} ${req.url}`);
      const fault = faults[req.method ?? ""]?.shift();
      if (fault?.status) return send(res, fault.status, { message: "fault" }, fault.headers);
      // With apply, the commit happens now and only the answer is late (lost to a timeout).
      const dropped = fault?.hangMs !== undefined && !fault.apply;
      const [status, answer] = dropped ? [504, {}] : handle(req, body);
      if (fault?.hangMs !== undefined) setTimeout(() => send(res, status, answer), fault.hangMs);
      else send(res, status, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    repo,
    files,
    commits,
    requests,
    inject: (method: "GET" | "PUT", ...queued: Fault[]) => {
      faults[method] = [...(faults[method] ?? []), ...queued];
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
