/**
 * What a check talks to: the server under test over HTTP, or a sandbox in-process in one of its
 * modes (the reference answers of a profile). A probe names its credential by role (the caller's
 * key, its access token, none, a malformed one, an unknown one) so that one probe can be sent to
 * both, each with its own credentials.
 */
import { randomBytes } from "node:crypto";
import { createSandbox } from "../app.js";

export type Credential = "key" | "token" | "none" | "malformed" | "unknown";

export interface ProbeRequest {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  credential: Credential;
}

export interface Answer {
  status: number;
  /** The content type without parameters, e.g. application/json. */
  mediaType: string;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON; undefined otherwise. */
  json: unknown;
}

export interface Target {
  send(request: ProbeRequest): Promise<Answer>;
}

/** A key of the API key's shape that no server issued. */
const UNKNOWN_KEY = `osk_${randomBytes(24).toString("base64url").slice(0, 32)}`;
const MALFORMED = "not-a-credential";

function bearer(credential: Credential, key: string, token: string | undefined): string | undefined {
  switch (credential) {
    case "key":
      return key;
    case "token":
      return token;
    case "malformed":
      return MALFORMED;
    case "unknown":
      return UNKNOWN_KEY;
    case "none":
      return undefined;
  }
}

function toRequest(baseUrl: string, probe: ProbeRequest, key: string, token: string | undefined): Request {
  // Appended, not resolved: a server behind a path prefix (https://host/opensync) keeps it.
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}${probe.path}`);
  for (const [name, value] of Object.entries(probe.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers();
  const credential = bearer(probe.credential, key, token);
  if (credential !== undefined) headers.set("authorization", `Bearer ${credential}`);
  if (probe.body !== undefined) headers.set("content-type", "application/json");
  const body = probe.body === undefined ? undefined : JSON.stringify(probe.body);
  return new Request(url, { method: probe.method, headers, body });
}

/** application/json and its +json kin; not JSON Lines (application/x-ndjson), which is text. */
export const isJsonMediaType = (mediaType: string) => mediaType === "application/json" || mediaType.endsWith("+json");

async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let json: unknown;
  if (isJsonMediaType(mediaType)) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, mediaType, headers: response.headers, text, json };
}

export interface RemoteOptions {
  baseUrl: string;
  apiKey: string;
  accessToken?: string;
  /** Each request's limit, in ms. */
  timeoutMs?: number;
}

/** A request the server never answered: refused, reset, timed out. Its message names no credential. */
export class NoAnswer extends Error {}

/** Why fetch failed, in a word: the socket's error code, or the error's name (TimeoutError). */
const causeOf = (error: unknown) =>
  (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name ?? String(error);

/** The server under test. A request that gets no answer throws NoAnswer. */
export function remoteTarget(options: RemoteOptions): Target {
  return {
    async send(probe) {
      const request = toRequest(options.baseUrl, probe, options.apiKey, options.accessToken);
      try {
        const response = await fetch(request, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
        return await readAnswer(response);
      } catch (error) {
        throw new NoAnswer(`no answer to ${probe.method} ${probe.path}: ${causeOf(error)}`);
      }
    },
  };
}

/**
 * A sandbox in-process, contract or deployed, answering as that profile says a server should;
 * `demo`: its account starts with the demo sessions.
 */
export function referenceTarget(deployed: boolean, demo: boolean): Target {
  const sandbox = createSandbox({ deployed, demo, rateLimits: false });
  return {
    async send(probe) {
      const request = toRequest("http://reference.invalid", probe, sandbox.apiKey, sandbox.workosToken);
      return readAnswer(await sandbox.app.fetch(request));
    },
  };
}
