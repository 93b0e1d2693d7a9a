import { and, asc, eq } from "drizzle-orm";
import { redLetterRequests, type Database } from "@cs/db";
import { confirmRedLetter } from "@cs/domain/billing/red-letter";
import { ctxOf, newKey } from "./demo";

/**
 * The buyer confirms every pending red-letter request a return raised, as it would in the portal
 * (docs/decisions/034): the credit notes that confirmation issued, the first one as `creditNoteId`.
 */
export async function confirmReturnCredit(db: Database, returnId: string, login = "dealer@demo.cn") {
  const buyer = await ctxOf(db, login);
  const pending = await db
    .select({ id: redLetterRequests.id })
    .from(redLetterRequests)
    .where(and(eq(redLetterRequests.returnId, returnId), eq(redLetterRequests.status, "pending")))
    .orderBy(asc(redLetterRequests.number));
  const done = [];
  for (const r of pending) done.push(await confirmRedLetter(buyer, { requestId: r.id, _key: newKey() }));
  if (!done[0]) throw new Error(`no pending red-letter request for return ${returnId}`);
  return { creditNoteId: done[0].creditNoteId, creditNoteNumber: done[0].creditNoteNumber, creditNoteIds: done.map((d) => d.creditNoteId) };
}
