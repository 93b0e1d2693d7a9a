import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { countVisible } from "@cs/domain";
import { Card, PageHeader, formatNumber } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/home";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return { counts: await countVisible(ctx), name: ctx.actor.displayName, roles: ctx.actor.roles };
});

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { counts } = loaderData;
  return (
    <>
      <PageHeader title={t("home.welcome", { name: loaderData.name })}>
        <p className="mt-1 text-slate-600">{t("home.backofficeIntro")}</p>
      </PageHeader>
      <div className="grid gap-4 sm:grid-cols-3">
        <Card title={t("home.organizationsInScope")}>
          <Link to="/organizations" className="text-3xl font-semibold text-blue-800 tabular-nums">
            {formatNumber(counts.organizations, i18n.language)}
          </Link>
        </Card>
        <Card title={t("home.products")}>
          <Link to="/products" className="text-3xl font-semibold text-blue-800 tabular-nums">
            {formatNumber(counts.products, i18n.language)}
          </Link>
        </Card>
        <Card title={t("home.yourRoles")}>
          <p className="text-slate-800">{loaderData.roles.map((r) => t(`roles.${r}`)).join("、")}</p>
        </Card>
      </div>
    </>
  );
}
