/**
 * A rendered document for the user to save: its bytes and its names. The domain stops here; the web
 * layer (`fileResponse` in @cs/web/server) turns it into a download with its headers.
 */
export type NamedFile = {
  body: Uint8Array;
  format: "pdf" | "xlsx";
  /** The name the user sees (may hold Chinese). */
  name: string;
  /** An ASCII-only name for clients that do not read the UTF-8 one. */
  asciiName: string;
};
