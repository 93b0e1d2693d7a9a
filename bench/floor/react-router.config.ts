import type { Config } from "@react-router/dev/config";

/** The floor: a bare React Router 7 app, server-rendered, nothing of ours in it (see bench/page-floor.ts). */
export default {
  ssr: true,
} satisfies Config;
