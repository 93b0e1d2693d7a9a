import { hydrate } from "@cs/web/entry-client";

void hydrate();
