import type { StoredValueRule } from "../transport/convex-values.js";
import { brand } from "./brand.js";
import type { CallInfo } from "./call.js";
import { OpenSyncError } from "./opensync-error.js";

/**
 * A `/sync/*` body holds a value deployed servers cannot store (a field name Convex refuses, a
 * document over 1 MiB; see openapi.yaml's MessagePart): thrown before anything is sent, since the
 * server would refuse it with a 500, or drop a whole batch array inside a 200. `keyPath` names the
 * key (`parts[0].content.args.$schema`); the error never holds the value.
 */
export class UnstorableValueError extends OpenSyncError {
  static {
    brand(UnstorableValueError, "UnstorableValueError");
  }

  /** Where in the body: `parts[0].content.args.$schema`, `messages[2].parts[1]`; "" for the body itself. */
  declare readonly keyPath: string;
  declare readonly rule: StoredValueRule;

  constructor(keyPath: string, rule: UnstorableValueError["rule"], reason: string, call?: CallInfo) {
    super(`${keyPath || "body"}: ${reason}; deployed servers cannot store it`, undefined, call);
    this.keyPath = keyPath;
    this.rule = rule;
  }
}
