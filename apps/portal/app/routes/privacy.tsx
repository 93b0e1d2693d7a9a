import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { CenteredPage } from "@cs/ui";
import { LanguageSwitcher } from "@cs/web";

const sections = ["collect", "use", "share", "keep", "rights"] as const;

/** The privacy notice a customer agrees to when registering (public: it is read before an account exists). */
export default function Privacy() {
  const { t } = useTranslation();
  return (
    <CenteredPage top={<LanguageSwitcher />}>
      <h1 className="text-xl font-semibold">{t("privacy.title")}</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">{t("privacy.updated")}</p>
      {sections.map((s) => (
        <section key={s} className="mb-3">
          <h2 className="text-base font-semibold text-slate-900">{t(`privacy.sections.${s}.title`)}</h2>
          <p className="mt-1 text-sm text-slate-700">{t(`privacy.sections.${s}.body`)}</p>
        </section>
      ))}
      <Link to="/register" className="text-sm font-medium text-blue-800 underline">
        {t("privacy.back")}
      </Link>
    </CenteredPage>
  );
}
