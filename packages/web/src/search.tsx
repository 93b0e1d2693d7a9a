import { useTranslation } from "@cs/i18n/react";
import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import type { SearchResults } from "@cs/domain";
import { localName } from "@cs/i18n";
import { Card, PageHeader } from "@cs/ui";

type App = "portal" | "backoffice";

/** The header's search box: a plain GET form to /search, so it works before JavaScript loads. */
export function SearchBox({ className, defaultValue }: { className?: string; defaultValue?: string }) {
  const { t } = useTranslation();
  // One short name: longer ones ("…客户、产品…") made every form field labelled 客户 or 产品 ambiguous.
  const label = t("search.label");
  return (
    <Form method="get" action="/search" role="search" aria-label={label} className={className}>
      <input
        type="search"
        name="q"
        defaultValue={defaultValue}
        aria-label={label}
        placeholder={t("search.placeholder")}
        minLength={2}
        maxLength={64}
        className="w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm sm:w-44"
      />
    </Form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card title={title}>
      <ul className="divide-y divide-slate-100 text-sm">{children}</ul>
    </Card>
  );
}

const item = "flex flex-wrap items-baseline gap-x-3 px-2 py-2 hover:bg-slate-50";

/** What the search found, by kind, each entry a link to its page in this app. */
export function SearchResultsView({ app, results }: { app: App; results: SearchResults }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  const { q } = results;
  const total = results.orders.length + results.partners.length + results.products.length + results.serials.length + results.repairs.length;
  return (
    <>
      <PageHeader title={q ? t("search.title", { q }) : t("search.titleEmpty")}>
        <p className="mt-1 text-sm text-slate-600">{app === "portal" ? t("search.portalHint") : t("search.hint")}</p>
      </PageHeader>
      <SearchBox className="mb-4 lg:hidden" defaultValue={q} />
      {q && total === 0 ? <p className="text-slate-700">{t("search.none", { q })}</p> : null}
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {results.orders.length ? (
          <Section title={t("search.kinds.orders")}>
            {results.orders.map((o) => (
              <li key={o.id}>
                <Link to={`/orders/${o.id}`} className={item}>
                  <span className="font-medium text-blue-800">{o.number}</span>
                  <span className="text-slate-600">{o.buyer}</span>
                  <span className="text-xs text-slate-500">{t(`orders.status.${o.status}`)}</span>
                </Link>
              </li>
            ))}
          </Section>
        ) : null}
        {results.partners.length ? (
          <Section title={t("search.kinds.partners")}>
            {results.partners.map((p) => (
              <li key={p.id}>
                <Link to={`/organizations/${p.id}`} className={item}>
                  <span className="font-mono text-xs">{p.code}</span>
                  <span className="text-blue-800">{p.name}</span>
                </Link>
              </li>
            ))}
          </Section>
        ) : null}
        {results.products.length ? (
          <Section title={t("search.kinds.products")}>
            {results.products.map((p) => (
              <li key={p.id}>
                <Link to={app === "portal" ? `/catalog?q=${encodeURIComponent(p.sku)}` : `/products?q=${encodeURIComponent(p.sku)}&status=all`} className={item}>
                  <span className="font-mono text-xs">{p.sku}</span>
                  <span className="text-blue-800">{localName(zh, p.nameZh, p.nameEn)}</span>
                </Link>
              </li>
            ))}
          </Section>
        ) : null}
        {results.serials.length ? (
          <Section title={t("search.kinds.serials")}>
            {results.serials.map((s) => (
              <li key={s.serial}>
                <Link to={`/stock/serials?q=${encodeURIComponent(s.serial)}`} className={item}>
                  <span className="font-mono text-xs text-blue-800">{s.serial}</span>
                  <span className="text-slate-600">{s.sku}</span>
                </Link>
              </li>
            ))}
          </Section>
        ) : null}
        {results.repairs.length ? (
          <Section title={t("search.kinds.repairs")}>
            {results.repairs.map((r) => (
              <li key={r.id}>
                <Link to={`/service/requests/${r.id}`} className={item}>
                  <span className="font-medium text-blue-800">{r.number}</span>
                  <span className="font-mono text-xs text-slate-600">{r.serial}</span>
                  <span className="text-xs text-slate-500">{t(`service.statuses.${r.status}`)}</span>
                </Link>
              </li>
            ))}
          </Section>
        ) : null}
      </div>
    </>
  );
}
