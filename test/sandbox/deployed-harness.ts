/**
 * What the tests of the sandbox's deployed mode share: sandboxes on loopback with an injected clock
 * (closed after each test), raw requests with an API key, and reading a session back.
 */
import { afterEach } from "vitest";
import { type RunningSandbox, type StartSandboxOptions, startSandbox } from "../../sandbox/index.js";

export const KEY = "osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

const open: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** The sandbox's clock: tests move it instead of sleeping. */
export const clock = { now: 1_767_225_600_000 };

export async function sandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const s = await startSandbox({ apiKeys: [KEY], now: () => clock.now, ...options });
  open.push(s);
  return s;
}
export const deployed = (options: StartSandboxOptions = {}) => sandbox({ deployed: true, ...options });

const headers = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };
export const post = (s: RunningSandbox, path: string, body: unknown) =>
  fetch(`${s.url}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
export const get = (s: RunningSandbox, path: string, init: RequestInit = {}) =>
  fetch(`${s.url}${path}`, { headers, ...init });
export const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();
/** Status and JSON body. */
export const answer = async (res: Response | Promise<Response>): Promise<[number, any]> => {
  const r = await res;
  return [r.status, await r.json()];
};

/** Every listed session with this externalId (deployed servers can hold more than one). */
export async function sessionsNamed(s: RunningSandbox, externalId: string): Promise<any[]> {
  const list = await json(get(s, "/api/sessions?limit=200"));
  return list.sessions.filter((x: any) => x.externalId === externalId);
}

/** A session with its messages, read back through the API; undefined when none is stored. */
export async function read(s: RunningSandbox, externalId: string): Promise<any> {
  const [found] = await sessionsNamed(s, externalId);
  return found ? json(get(s, `/api/sessions/get?id=${found.id}`)) : undefined;
}

export const message = (n: number, fields: Record<string, unknown> = {}) => ({
  sessionExternalId: "s",
  externalId: `s:${n}`,
  role: "assistant",
  ...fields,
});
