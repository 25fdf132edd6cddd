/** A small seeded PRNG (mulberry32): the same seed gives the same ids, keys and faults. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomString(random: Random, length: number, alphabet: string): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** The first character of a document id, by table: Convex's ids carry their table (as the spec's examples do). */
export const ID_TABLE = { sessions: "j", messages: "k" } as const;

/** A document id in the style of Convex's (32 lower-case letters and digits), starting with its table's mark. */
export const newId = (random: Random, table: keyof typeof ID_TABLE) =>
  ID_TABLE[table] + randomString(random, 32, ID_ALPHABET).slice(1);

/** An API key in the deployed format: osk_ and 32 nanoid characters. */
export const newApiKey = (random: Random) => `osk_${randomString(random, 32, KEY_ALPHABET)}`;
