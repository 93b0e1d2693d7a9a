import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

/**
 * Streams rows as a CSV download (with a BOM so Excel opens UTF-8 Chinese correctly); the rows
 * come from an async generator, so an export of the whole ledger never sits in memory.
 */
export function csvResponse(name: string, header: string[], rows: AsyncIterable<string[]>) {
  const csv = Readable.from(rows).pipe(stringify({ header: true, columns: header, bom: true }));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
