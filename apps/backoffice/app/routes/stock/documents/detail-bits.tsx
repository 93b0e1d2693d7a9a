import type { ReactNode } from "react";
import { useTranslation } from "@cs/i18n/react";
import type { getDocument } from "@cs/domain";
import { Card, cn, formatDateTime, formatMoney } from "@cs/ui";
import { Form } from "react-router";
import { CsrfInput, FormAlert, type ActionResult } from "@cs/web";
import { localName } from "@cs/i18n";

export type DocumentDetail = Awaited<ReturnType<typeof getDocument>>;
export type DocumentLine = DocumentDetail["lines"][number];
export type May = { move: boolean; approve: boolean; count: boolean };
export type PanelProps = { detail: DocumentDetail; may: May; result: ActionResult; busy: boolean };

/** The result of a failed action belongs to the panel whose form sent it. */
export const resultFor = (result: ActionResult, ...intents: string[]) =>
  result && intents.includes(String(result.initialValue?.intent ?? "")) ? result : undefined;

/**
 * Changes whenever the document or its lines change, as a `key` for panel forms: inputs are
 * uncontrolled, so after an action they must remount to show the new defaults.
 */
export const stateKey = (detail: DocumentDetail) =>
  [String(detail.document.updatedAt), ...detail.lines.map((l) => `${l.quantityDone}/${l.quantityReceived}/${l.counted ?? ""}`)].join("|");

/** A panel's posting form: its intent, one idempotency key per document state, the panel's failed result, then its fields. */
export function PostingForm({ detail, intent, result, children }: { detail: DocumentDetail; intent: string; result: ActionResult | undefined; children: ReactNode }) {
  return (
    <Form key={stateKey(detail)} method="post" className="space-y-3">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {/* One key per document state: a resubmitted posting lands once, a later one gets a new key. */}
      <input type="hidden" name="_key" value={`${detail.document.id}-${new Date(detail.document.updatedAt).getTime()}`} />
      <FormAlert result={result} />
      {children}
    </Form>
  );
}

export type Column = { label: string; align?: "right" };

/** A plain table of document lines: a document has at most a few hundred, all shown at once. */
export function LinesTable({ columns, children, caption }: { columns: Column[]; children: ReactNode; caption: string }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={cn("whitespace-nowrap px-3 py-2 font-semibold text-slate-700", c.align === "right" ? "text-right" : "text-left")}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, right, className }: { children: ReactNode; right?: boolean; className?: string }) {
  return <td className={cn("px-3 py-2 align-top text-slate-800", right && "text-right tabular-nums", className)}>{children}</td>;
}

export function ProductCells({ line }: { line: DocumentLine }) {
  const { i18n } = useTranslation();
  return (
    <>
      <Cell>
        <span className="font-mono text-xs">{line.sku}</span>
      </Cell>
      <Cell>{localName(i18n.language === "zh-CN", line.nameZh, line.nameEn)}</Cell>
    </>
  );
}

export function Serials({ serials }: { serials: string[] }) {
  if (serials.length === 0) return <>—</>;
  return <span className="font-mono text-xs break-all whitespace-normal">{serials.join(" ")}</span>;
}

type Address = { recipient?: string; phone?: string; province?: string; city?: string; district?: string; line?: string };

/** Who, where and when: the header facts of any kind of document. */
export function DocumentFacts({ detail }: { detail: DocumentDetail }) {
  const { t, i18n } = useTranslation();
  const { document: doc, from, to } = detail;
  const zh = i18n.language === "zh-CN";
  const place = (l: typeof from) => (l ? `${l.code} ${localName(zh, l.nameZh, l.nameEn)}` : null);
  const address = doc.deliveryAddress as Address | null;
  // A stocktake counts one location: from and to are the same place.
  const places: [string, ReactNode][] =
    doc.kind === "stocktake"
      ? [[t("stock.documents.fields.location"), place(from)]]
      : [
          [t("stock.documents.fields.from"), place(from)],
          [t("stock.documents.fields.to"), place(to)],
        ];
  const facts: [string, ReactNode][] = [
    ...places,
    [t("stock.documents.fields.createdAt"), formatDateTime(doc.createdAt, i18n.language)],
    [t("stock.documents.fields.value"), doc.valueFen ? formatMoney(doc.valueFen, i18n.language) : null],
  ];
  if (doc.kind === "receipt") facts.push([t("stock.documents.fields.supplierRef"), doc.reason]);
  if (doc.kind === "issue" && doc.reason) facts.push([t("stock.documents.fields.issueReason"), t(`stock.documents.issueReasons.${doc.reason}`, { defaultValue: doc.reason })]);
  if (doc.kind === "call_off") {
    facts.push([t("stock.documents.fields.requestedDate"), doc.reason]);
    facts.push([t("stock.documents.fields.deliveryAddress"), address ? [address.recipient, address.phone, address.province, address.city, address.district, address.line].filter(Boolean).join(" ") : null]);
  }
  if (doc.kind === "sell_out") facts.push([t("stock.documents.fields.soldOn"), doc.reason]);
  facts.push([t("stock.documents.fields.note"), doc.note]);
  return (
    <Card>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="mt-0.5 text-sm text-slate-900">{value || "—"}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
