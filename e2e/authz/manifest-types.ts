import type { IdSource } from "./ids";

/**
 * One route of an app in the authorization matrix. Every pattern of the app's routes.ts needs an
 * entry (a new route fails the matrix until it has one), keyed by the pattern as declared.
 */
export type RouteEntry = {
  /** Opens without a session (sign-in, registration, health): checked for 500s only. */
  public?: true;
  /** Where the route's id parameters come from and who owns them; required when it has any. */
  ids?: IdSource;
  /** The demo sign-ins that may open the route (with an id they own): "all" or their logins. */
  allow: "all" | readonly string[];
  /** An allowed request is answered with a redirect (to the page that shows it), not a page. */
  redirects?: true;
  /**
   * Answers with a generated file (PDF, CSV, XLSX): the matrix checks who is refused, not the
   * files themselves (seconds each on a busy machine; the billing, channel and rebates specs
   * download them).
   */
  file?: true;
  /** Intents the route's action takes (`intent` field); a post without intent is always sent too. */
  intents?: readonly string[];
};

export type Manifest = Record<string, RouteEntry>;
