import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { noticeHref, noticeKeys } from "@cs/domain/notifications/keys";
import { Alert, Badge, Button, Card, PageHeader, cn, formatDateTime } from "@cs/ui";
import { HeaderIconLink } from "./header-icon";
import { CsrfInput } from "./root";

export type NoticeRow = {
  id: string;
  kind: string;
  entityType: string;
  entityId: string;
  params: Record<string, string>;
  readAt: Date | string | null;
  createdAt: Date | string;
};

/** The bell in the header: a link to the notifications page with the unread count. */
export function NotificationBell({ unread }: { unread: number }) {
  const { t } = useTranslation();
  const label = unread > 0 ? `${t("notify.bell")} · ${t("notify.unread", { count: unread })}` : t("notify.bell");
  return (
    <HeaderIconLink to="/notifications" label={label} count={unread}>
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinejoin="round" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" />
    </HeaderIconLink>
  );
}

/** The cart in a buyer's header: a link to the cart with how many lines it holds. */
export function CartLink({ lines }: { lines: number }) {
  const { t } = useTranslation();
  const label = lines > 0 ? `${t("catalog.cart.nav")} · ${t("catalog.cart.badge", { count: lines })}` : t("catalog.cart.nav");
  return (
    <HeaderIconLink to="/cart" label={label} count={lines}>
      <path d="M3 4h2l2.4 11.2a1 1 0 0 0 1 .8h9.2a1 1 0 0 0 1-.8L21 8H6.2" strokeLinejoin="round" strokeLinecap="round" />
      <circle cx="9.5" cy="20" r="1.3" />
      <circle cx="17.5" cy="20" r="1.3" />
    </HeaderIconLink>
  );
}

/** A notice as a sentence in the reader's language, from its kind and params. */
export function useNoticeText() {
  const { t } = useTranslation();
  return (n: Pick<NoticeRow, "kind" | "entityType" | "params">) => t(noticeKeys(n.kind, n.entityType), n.params);
}

/** The notifications page of either app: newest first, unread highlighted, mark one or all read. */
export function NotificationsPage({
  page,
  unreadOnly,
  marked,
}: {
  page: { rows: NoticeRow[]; total: number; page: number; size: number };
  unreadOnly: boolean;
  marked: boolean;
}) {
  const { t, i18n } = useTranslation();
  const text = useNoticeText();
  const newest = page.rows[0]?.id;
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  const link = (p: number) => `/notifications?${new URLSearchParams({ ...(unreadOnly ? { unread: "1" } : {}), page: String(p) })}`;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("notify.title")}
        actions={
          newest && page.rows.some((r) => !r.readAt) ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="upTo" value={newest} />
              <Button name="intent" value="markAll" variant="secondary">
                {t("notify.markAllRead")}
              </Button>
            </Form>
          ) : null
        }
      />
      {marked ? <Alert tone="success">{t("notify.marked")}</Alert> : null}
      <div className="flex gap-1" role="group" aria-label={t("notify.columns.status")}>
        {[false, true].map((u) => (
          <Link
            key={String(u)}
            to={u ? "/notifications?unread=1" : "/notifications"}
            aria-current={unreadOnly === u ? "page" : undefined}
            className={cn("rounded-full px-3 py-1 text-sm ring-1", unreadOnly === u ? "bg-blue-700 text-white ring-blue-700" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50")}
          >
            {u ? t("notify.filters.unread") : t("notify.filters.all")}
          </Link>
        ))}
      </div>
      <Card>
        {page.rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("notify.empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {page.rows.map((n) => {
              const href = noticeHref(n.entityType, n.entityId);
              return (
                <li key={n.id} className={cn("flex flex-wrap items-center gap-3 py-2", !n.readAt && "font-medium")}>
                  <Badge tone={n.readAt ? "slate" : "blue"}>{n.readAt ? t("notify.status.read") : t("notify.status.unread")}</Badge>
                  <span className="flex-1 text-sm text-slate-800">{href ? <Link to={href} className="text-blue-800 hover:underline">{text(n)}</Link> : text(n)}</span>
                  <time className="text-xs text-slate-500" dateTime={new Date(n.createdAt).toISOString()}>
                    {formatDateTime(n.createdAt, i18n.language)}
                  </time>
                  {!n.readAt ? (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="id" value={n.id} />
                      <Button name="intent" value="markRead" variant="ghost" aria-label={`${t("notify.markRead")}: ${text(n)}`}>
                        {t("notify.markRead")}
                      </Button>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {pages > 1 ? (
          <nav className="mt-3 flex gap-2 text-sm" aria-label={t("notify.title")}>
            {page.page > 1 ? <Link to={link(page.page - 1)} className="text-blue-800 hover:underline">‹ {page.page - 1}</Link> : null}
            <span>
              {page.page} / {pages}
            </span>
            {page.page < pages ? <Link to={link(page.page + 1)} className="text-blue-800 hover:underline">{page.page + 1} ›</Link> : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
