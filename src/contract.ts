/**
 * opensync-api/contract: the contract's runtime facts, generated from openapi.yaml: every
 * operation (`METHOD /path`) with whether it is safe to repeat, its rate-limit group and the
 * credentials it accepts; the rate limits per group; the error codes servers are known to send.
 */
export * from "../generated/contract.js";
