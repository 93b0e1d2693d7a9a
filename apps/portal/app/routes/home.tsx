import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { getOrganization, loginVerificationState } from "@cs/domain";
import { Alert, Card, PageHeader, buttonClass } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/home";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const company = ctx.actor.organizationId && ctx.actor.permissions.has("own_organization:read") ? await getOrganization(ctx, ctx.actor.organizationId) : null;
  // A customer who skipped the code step is reminded: records known under their login wait for it.
  const unverified = ctx.actor.kind === "customer" && (await loginVerificationState(ctx)).pending;
  return {
    unverified,
    name: ctx.actor.displayName,
    roles: ctx.actor.roles,
    company: company
      ? { id: company.organization.id, name: company.organization.name, kind: company.organization.kind, contacts: company.contacts.length, addresses: company.addresses.length }
      : null,
  };
});

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { company } = loaderData;
  return (
    <>
      <PageHeader title={t("home.welcome", { name: loaderData.name })}>
        <p className="mt-1 text-slate-600">{company ? t("home.portalIntro") : t("home.customerIntro")}</p>
      </PageHeader>
      {loaderData.unverified ? (
        <div className="mb-4">
          <Alert tone="info">
            {t("verify.banner")}{" "}
            <Link to="/register/verify" className="font-medium underline">
              {t("verify.bannerAction")}
            </Link>
          </Alert>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        {company ? (
          <>
            <Card title={t("nav.myCompany")}>
              <p className="font-medium">{company.name}</p>
              <p className="text-sm text-slate-600">{t(`org.kinds.${company.kind}`)}</p>
              <Link to={`/company/${company.id}`} className={buttonClass("secondary", "mt-3")}>
                {t("common.view")}
              </Link>
            </Card>
            <Card title={t("home.contacts")}>
              <p className="text-3xl font-semibold text-blue-800 tabular-nums">{company.contacts}</p>
            </Card>
            <Card title={t("home.addresses")}>
              <p className="text-3xl font-semibold text-blue-800 tabular-nums">{company.addresses}</p>
            </Card>
          </>
        ) : null}
        <Card title={t("home.yourRoles")}>
          <p>{loaderData.roles.map((r) => t(`roles.${r}`)).join("、")}</p>
          <Link to="/account" className={buttonClass("secondary", "mt-3")}>
            {t("auth.changePassword")}
          </Link>
        </Card>
      </div>
    </>
  );
}
