import { OpenSyncError } from "./opensync-error.js";

/** The client was given options it cannot work with; thrown before any network call. */
export class ConfigurationError extends OpenSyncError {
  override name = "ConfigurationError";
}
