/**
 * Field patterns every feature shares, read by the contracts' schemas (server) and
 * by the forms (client) so both refuse the same input. Plain regexes: no zod here.
 */

/** A mainland mobile number: 11 digits starting with 1. */
export const MOBILE_PATTERN = /^1\d{10}$/;
/** A file id the cloud gave back after an upload ("cloud://<env>.<bucket>/<path>"). */
export const CLOUD_FILE_ID_PATTERN = /^cloud:\/\/[^\s]{1,400}$/;
/** A period, a calendar month "2026-11" (this century). */
export const PERIOD_PATTERN = /^(20\d\d)-(0[1-9]|1[0-2])$/;
/** A day "2026-11-28" (a shape check; the schema or rule checks the calendar). */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
