import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { Button, Card, TextField, formatNumber } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors } from "@cs/web";
import { Cell, LinesTable, ProductCells, resultFor, Serials, type PanelProps } from "./detail-bits";

/** The lines of an issue, call-off or sell-out report, read-only. */
export function PlainLines({ detail }: Pick<PanelProps, "detail">) {
  const { t, i18n } = useTranslation();
  const f = (k: string) => t(`stock.documents.fields.${k}`);
  return (
    <Card title={t("stock.documents.panels.lines")}>
      <LinesTable caption={t("stock.documents.panels.lines")} columns={[{ label: t("stock.fields.sku") }, { label: t("stock.fields.product") }, { label: f("quantity"), align: "right" }, { label: f("serials") }]}>
        {detail.lines.map((line) => (
          <tr key={line.id}>
            <ProductCells line={line} />
            <Cell right>{formatNumber(line.quantity, i18n.language)}</Cell>
            <Cell>
              <Serials serials={line.serials} />
            </Cell>
          </tr>
        ))}
      </LinesTable>
    </Card>
  );
}

/**
 * Approve or reject (with a comment) what waits for a decision: an issue above the creator's
 * limit (stock:approve) or a partner's call-off (stock:move); an approved call-off can then ship.
 */
export function DecisionPanel({ detail, may, result, busy }: PanelProps) {
  const { t } = useTranslation();
  const { kind, status } = detail.document;
  const mine = resultFor(result, "approveIssue", "rejectIssue", "approveCallOff", "rejectCallOff", "shipCallOff");
  const errors = useFieldErrors(mine);
  const deciding = (kind === "issue" && status === "pending_approval" && may.approve) || (kind === "call_off" && status === "requested" && may.move);
  const shipping = kind === "call_off" && status === "approved" && may.move;
  if (!deciding && !shipping) return null;
  const suffix = kind === "issue" ? "Issue" : "CallOff";
  return (
    <Card title={t("stock.documents.panels.decision")}>
      <Form method="post" className="space-y-3">
        <CsrfInput />
        <FormAlert result={mine} />
        {deciding ? (
          <>
            <TextField label={t("stock.documents.fields.comment")} name="comment" maxLength={500} errors={errors("comment")} />
            <div className="flex gap-2">
              <Button name="intent" value={`approve${suffix}`} disabled={busy}>
                {t("stock.documents.actions.approve")}
              </Button>
              <Button name="intent" value={`reject${suffix}`} variant="danger" disabled={busy}>
                {t("stock.documents.actions.reject")}
              </Button>
            </div>
          </>
        ) : (
          <Button name="intent" value="shipCallOff" disabled={busy}>
            {t("stock.documents.actions.ship_call_off")}
          </Button>
        )}
      </Form>
    </Card>
  );
}
