/** A real SMTP server and a real HTTP server on loopback, recording what they receive. */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface LoopbackSmtp {
  url: string;
  received: ReceivedMail[];
  /** Resolves on the next message (or the n-th, counting from the start). */
  waitFor(count?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** Plain SMTP with AUTH, no TLS: the credentials in the URL are checked, so a wrong one fails. */
export async function startLoopbackSmtp(credentials = { user: "mailer", pass: "s3cret-pass" }): Promise<LoopbackSmtp> {
  const received: ReceivedMail[] = [];
  const waiters: Array<{ count: number; resolve: (mails: ReceivedMail[]) => void }> = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          parsed: await simpleParser(raw),
          raw,
        });
        for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve([...received]);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${credentials.user}:${credentials.pass}@127.0.0.1:${port}`,
    received,
    waitFor: (count = received.length + 1) =>
      received.length >= count ? Promise.resolve([...received]) : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface LoopbackHook {
  url: string;
  bodies: unknown[];
  /** The status the hook answers with. */
  status: number;
  close(): Promise<void>;
}

export async function startLoopbackWebhook(path = "/hooks/T000/B000/secret-token-part"): Promise<LoopbackHook> {
  const hook: LoopbackHook = { url: "", bodies: [], status: 200, close: async () => undefined };
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url === path && req.headers["content-type"] === "application/json")
      hook.bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    res.writeHead(hook.status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  hook.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return hook;
}
