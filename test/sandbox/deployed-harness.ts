/**
 * What the tests of the sandbox's deployed mode (test/sandbox/deployed-*.test.ts) share: sandboxes on
 * loopback with two API keys and an injected clock (closed after each test), raw requests, and
 * reading sessions back through the API.
 */
import { afterEach } from "vitest";
import { type RunningSandbox, type StartSandboxOptions, startSandbox } from "../../sandbox/index.js";

export const KEY_A = "osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const KEY_B = "osk_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

const open: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** The sandbox's clock: tests move it instead of sleeping. */
export const clock = { now: 1_767_225_600_000 };
export const later = (ms: number) => (clock.now += ms);

export async function sandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const s = await startSandbox({ apiKeys: [KEY_A, KEY_B], now: () => clock.now, ...options });
  open.push(s);
  return s;
}
export const deployed = (options: StartSandboxOptions = {}) => sandbox({ deployed: true, ...options });

export const MODES = [
  ["the contract", {}],
  ["deployed servers", { deployed: true }],
] as const;

/** The headers of a call with `key`: an API key, or a token from `tokenFor`. */
export const auth = (key = KEY_A) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
export const post = (
  s: RunningSandbox,
  path: string,
  body: unknown,
  { key = KEY_A, headers = {} }: { key?: string; headers?: Record<string, string> } = {},
) =>
  fetch(`${s.url}${path}`, {
    method: "POST",
    headers: { ...auth(key), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
export const get = (s: RunningSandbox, path: string, key = KEY_A, init: RequestInit = {}) =>
  fetch(`${s.url}${path}`, { headers: auth(key), ...init });
export const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();
/** Status and JSON body. */
export const answer = async (res: Response | Promise<Response>): Promise<[number, any]> => {
  const r = await res;
  return [r.status, await r.json()];
};

/** Every listed session with this externalId (deployed servers can hold more than one). */
export async function sessionsNamed(s: RunningSandbox, externalId: string, key = KEY_A): Promise<any[]> {
  const list = await json(get(s, "/api/sessions?limit=200", key));
  return list.sessions.filter((x: any) => x.externalId === externalId);
}

/** A session's stored state, read back through the API; undefined when none is stored. */
export async function read(s: RunningSandbox, externalId: string, key = KEY_A): Promise<any> {
  const [found] = await sessionsNamed(s, externalId, key);
  return found ? json(get(s, `/api/sessions/get?id=${found.id}`, key)) : undefined;
}
export const searchIds = async (s: RunningSandbox, q: string, type = "fulltext") =>
  (await json(get(s, `/api/search?q=${encodeURIComponent(q)}&type=${type}`))).results.map((r: any) => r.externalId);

export const textPart = (content: string) => ({ type: "text", content });
export const message = (n: number, fields: Record<string, unknown> = {}) => ({
  sessionExternalId: "s",
  externalId: `s:${n}`,
  role: "assistant",
  textContent: `text ${n}`,
  ...fields,
});
