/**
 * What the flusher knows of one session or message on one server (delivery-state.ts changes it, by
 * events): whether it is stored, and which requests carrying it have an unknown outcome.
 */

export type Via = "batch" | "single";

export interface SessionMemory {
  /** The server has it: a write of it, or of one of its messages, was acknowledged. */
  exists?: true;
  /** A digest of what was last stored by its own delivery (see ../flush/content-digest.ts). */
  storedDigest?: string;
  /** When we last wrote to it (the server's updatedAt moved then). */
  touchedAt?: number;
  /** A batch's `sessions` count said some were skipped: send it again once quiet. */
  recheck?: true;
  /** Sent at this time, outcome unknown; what was sent, as a digest. */
  inflightAt?: number;
  inflightDigest?: string;
  /** The server's id for it (`/api/sessions/get?id=`), once learnt. */
  serverId?: string;
  /** Consecutive 500 answers with a message to it alone: a record the server cannot take. */
  serverErrors?: number;
  seenAt: number;
}

export interface MessageMemory {
  /** The server has it; writes to it are ignored by deployed servers until this time. */
  storedQuietAt?: number;
  /** A digest of what was last stored (see ../flush/content-digest.ts). */
  storedDigest?: string;
  /**
   * Sent at this time, outcome unknown; `via` the route (a batch may have dropped its parts); what was sent, as a
   * digest.
   */
  inflightAt?: number;
  inflightVia?: Via;
  inflightDigest?: string;
  /**
   * An earlier send of it whose outcome is unknown too, while a later one is in flight: when the later one
   * certainly wrote nothing ("clear"), the earlier one may still have, so it is in flight again.
   */
  earlier?: { at: number; via: Via; digest?: string; absentAt?: number };
  /**
   * While in flight: a read-back sent at this time found no version of it. Whatever of ours lands
   * later was created after it, so a batch that lands within deployed servers' 5 s of it cannot strip
   * parts (it is skipped); a later one could, if a request of ours landed after the read. Only until
   * the next send: that one may land too, and servers of the contract strip parts on any batch update.
   */
  absentAt?: number;
  /** Consecutive 500 answers with a message, on the single route: a record the server cannot take. */
  serverErrors?: number;
  seenAt: number;
}

/** What one destination's server may hold (../destination.ts): delivery is remembered per server and account. */
export interface DestinationMemory {
  sessions: Map<string, SessionMemory>;
  messages: Map<string, MessageMemory>;
}

export function clearInflight(memory: SessionMemory | MessageMemory): void {
  delete memory.inflightAt;
  delete memory.inflightDigest;
  if ("inflightVia" in memory) delete memory.inflightVia;
  if ("earlier" in memory) delete memory.earlier;
  if ("absentAt" in memory) delete memory.absentAt;
}

/** The latest send wrote nothing: an earlier one of unknown outcome, if any, is what may be on the server. */
export function clearLatest(memory: MessageMemory): void {
  const earlier = memory.earlier;
  clearInflight(memory);
  if (!earlier) return;
  if (earlier.absentAt !== undefined) memory.absentAt = earlier.absentAt;
  memory.inflightAt = earlier.at;
  memory.inflightVia = earlier.via;
  if (earlier.digest !== undefined) memory.inflightDigest = earlier.digest;
}
