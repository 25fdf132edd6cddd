/**
 * What a server answers to one request, byte for byte (status, headers as sent, body), so that the
 * ceiling server can send the very same answer, precomputed, for the same request. The headers
 * Node adds to every answer on its own (Date, Connection, Keep-Alive) are left out: the ceiling's
 * Node adds them too.
 */
import { request } from "node:http";

export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  /** Name, value, name, value ... as sent (Node's rawHeaders). */
  headers: string[];
  body: string;
}

const ADDED_BY_NODE = new Set(["date", "connection", "keep-alive"]);

export function recordAnswer(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RecordedAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const sent: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i]!;
          if (!ADDED_BY_NODE.has(name.toLowerCase())) sent.push(name, res.rawHeaders[i + 1]!);
        }
        resolve({ method, path, status: res.statusCode!, headers: sent, body: Buffer.concat(chunks).toString() });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}
