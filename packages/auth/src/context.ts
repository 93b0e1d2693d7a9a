import { createContext } from "react-router";
import type { Database } from "@cs/db";
import type { Actor } from "@cs/domain";
import type { Audience } from "./session.server";

export type RequestState = {
  /** Which app serves the request. */
  audience: Audience;
  /** The app's database pool (appDb), handed out here so nothing after the middleware picks its own. */
  db: Database;
  ip: string;
  nonce: string;
  csrfToken: string;
  /** Set when a live session is behind the request. */
  actor: Actor | null;
  sessionToken: string | null;
  /** A session cookie came, but it opens no live session. */
  sessionExpired: boolean;
};

export const requestContext = createContext<RequestState>();
/** Set by scripts/start.ts from the socket address, replacing whatever a client sent. */
export const CLIENT_IP_HEADER = "x-cs-client-ip";
