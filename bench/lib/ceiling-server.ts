/**
 * The machine's ceiling for the sandbox benchmark: bare node:http on the same loopback, reading each
 * request's body and answering a fixed small JSON body, with no framework, routing or validation.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const body = JSON.stringify({ ok: true, sessionId: "k57a7bwq0vx8r9tfz3m2y1c4d6e5g8h0" });
const server = createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () =>
  console.log(`ceiling listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`),
);
