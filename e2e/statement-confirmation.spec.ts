import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { accountStatements, createDatabase, invoiceLines, invoices, organizations, products, type Database } from "@cs/db";
import { issueMonthlyStatements, splitVat } from "@cs/domain";
import { backofficeURL, checkA11y, expect, pageAs, portalURL, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * A dealer on its phone disputes a line of its monthly statement; finance answers the dispute; the
 * dealer confirms the statement, which is then frozen: a dispute sent from a page opened before the
 * confirmation is refused with a translated message, and another dealer cannot open it. Once in
 * Chinese, once in English, each on its own month.
 */
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desk = { viewport: { width: 1366, height: 900 } };
const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);

/** An invoice of one line written directly, dated in the statement's month. */
async function invoiceOn(db: Database, organizationId: string, productId: string, totalFen: bigint, issuedOn: string) {
  const { netFen, taxFen } = splitVat(totalFen);
  const number = `E2E-ST-${Date.now().toString(36).toUpperCase()}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const [row] = await db.insert(invoices).values({ kind: "invoice", number, organizationId, issuedOn, dueOn: issuedOn, netFen, taxFen, totalFen }).returning();
  await db.insert(invoiceLines).values({ invoiceId: row!.id, productId, quantity: 2, unitPriceFen: totalFen / 2n, grossFen: totalFen, netFen, taxFen });
  return row!;
}

const cases = [
  {
    lang: "zh-CN",
    month: "2025-01-01",
    words: {
      list: "月度对账单",
      title: "2025-01 对账单",
      disputeFor: (n: string) => `对 ${n} 提出异议`,
      reason: (n: string) => `异议原因 · ${n}`,
      submit: "提交异议",
      disputed: "异议已提交，财务处理后您可再确认",
      status: { disputed: "有异议", confirmed: "已确认" },
      confirm: "确认对账单",
      confirmed: "对账单已确认",
      frozen: /已于 .+ 由 郑浩 确认，对账单已冻结。/,
      resolution: (n: string) => `处理说明 · ${n}`,
      resolve: "处理异议",
      resolved: "异议已处理",
      refused: "对账单已确认，不能再提出异议",
    },
  },
  {
    lang: "en-US",
    month: "2025-02-01",
    words: {
      list: "Monthly statements",
      title: "Statement for 2025-02",
      disputeFor: (n: string) => `Dispute ${n}`,
      reason: (n: string) => `Reason · ${n}`,
      submit: "Submit dispute",
      disputed: "Dispute sent; confirm once finance has answered",
      status: { disputed: "Disputed", confirmed: "Confirmed" },
      confirm: "Confirm statement",
      confirmed: "Statement confirmed",
      frozen: /Confirmed on .+ by 郑浩; the statement is frozen\./,
      resolution: (n: string) => `Answer · ${n}`,
      resolve: "Resolve dispute",
      resolved: "Dispute resolved",
      refused: "The statement is confirmed and can no longer be disputed",
    },
  },
] as const;

for (const { lang, month, words: w } of cases) {
  test(`${lang}: a dealer disputes a statement line from its phone, finance answers, the dealer confirms and the statement is frozen`, async ({ browser }) => {
    test.setTimeout(150_000);
    const db = createDatabase(e2eDatabaseUrl, { max: 1 });
    try {
      const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, "DL-0001"));
      const [product] = await db.select({ id: products.id }).from(products).limit(1);
      const day = (d: number) => `${month.slice(0, 8)}${String(d).padStart(2, "0")}`;
      const first = await invoiceOn(db, org!.id, product!.id, 120_000n, day(3));
      await invoiceOn(db, org!.id, product!.id, 45_000n, day(9));
      await issueMonthlyStatements(db, month);
      const [statement] = await db.select({ id: accountStatements.id }).from(accountStatements).where(and(eq(accountStatements.organizationId, org!.id), eq(accountStatements.month, month)));
      const path = `/finance/statements/${statement!.id}`;
      const locale = { locale: lang };

      const dealer = await pageAs(browser, "portal", "dealer@demo.cn", { ...phone, ...locale }, "/finance/statements");
      await expect(dealer.getByRole("heading", { name: w.list, level: 1 })).toBeVisible();
      await dealer.getByRole("link", { name: w.title }).click();
      await expect(dealer.getByRole("heading", { name: w.title, level: 1 })).toBeVisible();
      await noSidewaysScroll(dealer);
      await checkA11y(dealer);
      if (lang === "zh-CN") await dealer.screenshot({ path: "docs/screenshots/portal-statement-phone.png", fullPage: true });

      // dispute the first invoice's line with a reason
      await dealer.getByText(w.disputeFor(first.number)).click();
      await dealer.getByLabel(w.reason(first.number)).fill("实收 1 台，开票 2 台");
      await dealer.getByRole("button", { name: w.submit }).first().click();
      await expect(dealer.getByText(w.disputed, { exact: true })).toBeVisible();
      await expect(dealer.getByText(w.status.disputed).first()).toBeVisible();
      await expect(dealer.getByRole("button", { name: w.confirm })).toHaveCount(0);

      // another dealer: not found
      const other = await pageAs(browser, "portal", "dealer2@demo.cn", locale, "/finance");
      expect((await other.goto(`${portalURL}${path}`))?.status()).toBe(404);
      expect((await other.goto(`${portalURL}${path}/file?format=pdf`))?.status()).toBe(404);

      // finance answers the dispute in the back-office
      const finance = await pageAs(browser, "backoffice", "finance@demo.cn", { ...desk, ...locale }, "/finance/statements");
      await expect(finance.getByRole("link", { name: w.title }).first()).toBeVisible();
      await finance.goto(`${backofficeURL}${path}`);
      await finance.getByLabel(w.resolution(first.number)).fill("已核对出库单：2 台均已签收");
      await finance.getByRole("button", { name: w.resolve }).click();
      await expect(finance.getByText(w.resolved, { exact: true })).toBeVisible();
      await checkA11y(finance);
      await noSidewaysScroll(finance);

      // the dealer confirms; a page left open before that cannot dispute any more
      await dealer.reload();
      const stale = await dealer.context().newPage();
      await stale.goto(`${portalURL}${path}`);
      await dealer.getByRole("button", { name: w.confirm }).click();
      await expect(dealer.getByText(w.confirmed, { exact: true })).toBeVisible();
      await expect(dealer.getByText(w.frozen)).toBeVisible();
      await expect(dealer.getByText(w.disputeFor(first.number))).toHaveCount(0);
      await noSidewaysScroll(dealer);

      await stale.getByText(w.disputeFor(first.number)).click();
      await stale.getByLabel(w.reason(first.number)).fill("再次提出");
      await stale.getByRole("button", { name: w.submit }).first().click();
      await expect(stale.getByText(w.refused).first()).toBeVisible();

      const pdf = await dealer.request.get(`${portalURL}${path}/file?format=pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toContain("application/pdf");
      const [row] = await db.select({ status: accountStatements.status }).from(accountStatements).where(eq(accountStatements.id, statement!.id));
      expect(row?.status).toBe("confirmed");
    } finally {
      await db.$client.end();
    }
  });
}
