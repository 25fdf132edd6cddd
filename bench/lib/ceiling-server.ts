/**
 * The machine's ceiling for the sandbox benchmark: bare node:http on the same loopback, reading each
 * request's body and answering it with the answer the sandbox gave to the same request (status,
 * headers and body, recorded once and precomputed: bench/lib/recorded-answer.ts), so that both send
 * the same bytes; no framework, routing beyond a map lookup, validation, store or serialisation.
 * The recorded answers come as JSON in argv[2]; a request for anything else gets a 404.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { RecordedAnswer } from "./recorded-answer.js";

const answers = new Map(
  (JSON.parse(process.argv[2] ?? "[]") as RecordedAnswer[]).map((a) => [
    `${a.method} ${a.path}`,
    { status: a.status, headers: a.headers, body: Buffer.from(a.body) },
  ]),
);
const server = createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => {
    const answer = answers.get(`${req.method} ${req.url}`);
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
});
server.listen(0, "127.0.0.1", () =>
  console.log(`ceiling listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`),
);
// Exiting on SIGTERM (rather than being killed by it) lets `node --cpu-prof` write its profile.
process.on("SIGTERM", () => process.exit(0));
