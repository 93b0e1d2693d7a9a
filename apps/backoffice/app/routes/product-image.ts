import { guarded, sharedLoaders } from "@cs/web/server";

/** One size of a product picture (`?w=`), cached by the browser for good: a new upload has a new id. */
export const loader = guarded(sharedLoaders.productImage);
