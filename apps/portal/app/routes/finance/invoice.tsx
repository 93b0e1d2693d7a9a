import { InvoiceRoute } from "@cs/web";
import { guarded, sharedLoaders } from "@cs/web/server";

export const loader = guarded(sharedLoaders.invoice);

export default InvoiceRoute;
