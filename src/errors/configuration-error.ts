import { brand } from "./brand.js";
import { OpenSyncError } from "./opensync-error.js";

/** The client was given options it cannot work with; thrown before any network call. */
export class ConfigurationError extends OpenSyncError {
  static {
    brand(ConfigurationError, "ConfigurationError");
  }
}
