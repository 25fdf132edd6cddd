/**
 * What the database under a server refuses in a `/sync/batch` array, beyond the spec's schemas:
 * none in the contract; Convex's rules in deployed mode (../deployed/convex.ts). Each refusal is the
 * text the server's batch answer puts in `errors`, after its array's label.
 */
import type { ErrorObject } from "ajv/dist/2020.js";
import { bodyError } from "../../http/validation.js";
import type { UserData } from "../../store/store.js";

export type BatchArray = "sessions" | "messages";

export interface BatchRules {
  /**
   * Why the call for the whole array fails before its items are validated: not an array (deployed
   * servers pass on any value with a length), or its arguments' field names.
   */
  refusesArguments(name: BatchArray, items: unknown): string | undefined;
  /** Why the array's transaction fails once validated (its limits), given the store before the batch. */
  refusesTransaction(name: BatchArray, items: readonly unknown[], user: UserData): string | undefined;
  /**
   * Why one new message cannot be stored: reported in `errors`, not counted; with `rowStays`, its
   * row was inserted before its parts failed, and stays without them.
   */
  refusesMessage(message: object): { text: string; rowStays: boolean } | undefined;
  /** The text for an item the spec's schema refuses (`errors`: the validator's). */
  invalidItem(name: BatchArray, index: number, errors: ErrorObject[] | null | undefined, item: unknown): string;
  /** Items are read before any is written: a second copy of a new key is inserted again. */
  parallel: boolean;
}

export const CONTRACT_BATCH_RULES: BatchRules = {
  refusesArguments: () => undefined,
  refusesTransaction: () => undefined,
  refusesMessage: () => undefined,
  invalidItem: (name, index, errors) => `${name}[${index}]: ${bodyError(errors)}`,
  parallel: false,
};
