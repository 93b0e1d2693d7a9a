import type { Page } from "@playwright/test";
import { backofficeURL, expect, portalURL, test } from "./fixtures";

/**
 * Field names that once reached Object.prototype through the nested form readers: after one such
 * post every branch-limited staff user of the process saw all branches, and `[][0]` was defined.
 * Posted by signed-in users with a valid CSRF token, so only the field names are hostile.
 */
const hostileBackofficeFields = ["__proto__.allScopes", "constructor.prototype.allScopes", "lines.0.__proto__.allScopes"];

async function csrfToken(page: Page) {
  return page.locator("input[name=_csrf]").first().inputValue();
}

/** Branches named in the organization list's branch column, one page of dealers. */
async function dealerBranches(page: Page) {
  await page.goto(`${backofficeURL}/organizations?kind=dealer`);
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  return new Set(await rows.locator("td:nth-child(4)").allTextContents());
}

test("hostile field names on the shipping and payment forms are refused and widen no one's scope", async ({ page, login }) => {
  await login("backoffice", "sales.bj@demo.cn");
  expect([...(await dealerBranches(page))].every((b) => b.includes("北京分公司"))).toBe(true);
  const _csrf = await csrfToken(page);

  for (const path of ["/finance/payments/new", "/shipping/orders/00000000-0000-4000-8000-000000000000"]) {
    for (const field of hostileBackofficeFields) {
      const response = await page.request.post(`${backofficeURL}${path}`, {
        form: { _csrf, [field]: "1", amount: "1.00" },
        headers: { Origin: backofficeURL },
        maxRedirects: 0,
      });
      expect(response.status(), `${path} with ${field}`).toBe(400);
    }
  }

  // The same process serves this user again: still Beijing only.
  expect([...(await dealerBranches(page))].every((b) => b.includes("北京分公司"))).toBe(true);
});

test("a hostile covered-serial field at checkout is refused and the cart is unchanged", async ({ page, login }) => {
  await login("portal", "dealer@demo.cn");
  await page.goto(`${portalURL}/cart`);
  const before = await page.locator("main").innerText();
  const _csrf = await csrfToken(page);
  for (const field of ["coveredSerials.__proto__.0", "coveredSerials.constructor.prototype"]) {
    const response = await page.request.post(`${portalURL}/checkout`, {
      form: { _csrf, _key: `e2e-proto-${field.length}`, [field]: "SN-FAKE" },
      headers: { Origin: portalURL },
      maxRedirects: 0,
    });
    expect(response.status(), field).toBe(400);
  }
  await page.goto(`${portalURL}/cart`);
  expect(await page.locator("main").innerText()).toBe(before);
});
