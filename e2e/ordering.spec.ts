import { expect, pageAs, portalURL, test } from "./fixtures";

test("a dealer quick-orders, posts the checkout twice at once and double-clicks, and gets exactly one order with its timeline", async ({ page, login, checkA11y }) => {
  await login("portal", "buyer@demo.cn", "/cart/quick-order");
  await page.getByLabel("粘贴订货行").fill("KM-KB-W100 2\nCB-DP-2M 3");
  await page.getByRole("button", { name: "检查并加入购物车" }).click();
  await page.waitForURL(/\/cart(\?|$)/);
  await page.getByRole("link", { name: "去结算" }).click();
  await expect(page.getByRole("heading", { name: "结算" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /KM-KB-W100/ })).toBeVisible();
  await checkA11y();

  await page.getByLabel("贵公司采购单号").fill("PO-E2E-7001");
  await page.getByLabel("备注").fill("E2E：请送到前台");
  const accept = page.getByLabel("我已知晓以上变化，按现在的价格下单");
  // the cart was just filled at today's prices: nothing changed, so there is nothing to acknowledge
  await expect(accept).toHaveCount(0);
  await page.screenshot({ path: "docs/screenshots/portal-checkout.png", fullPage: true });

  // The same form posted twice at once (a double submit without JavaScript, a retried request),
  // then the button double-clicked (a resubmit): one _key, so exactly one order.
  const raced = await page.evaluate(async () => {
    const body = new URLSearchParams(new FormData(document.querySelector<HTMLFormElement>("form#checkout")!) as unknown as Record<string, string>);
    const responses = await Promise.all([1, 2].map(() => fetch("/checkout", { method: "POST", body, redirect: "manual" })));
    return responses.map((r) => r.type);
  });
  expect(raced).toEqual(["opaqueredirect", "opaqueredirect"]);
  await page.getByRole("button", { name: "提交订单" }).dblclick();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1/);
  await expect(page.getByText(/订单已提交，订单号 SO-\d{4}-\d{6}/)).toBeVisible();
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/SO-\d{4}-\d{6}/)![0];
  const timeline = page.getByRole("list", { name: "订单记录" });
  await expect(timeline.getByText("提交订单")).toBeVisible();
  await expect(timeline.getByText("订单确认")).toBeVisible();
  await expect(page.getByRole("cell", { name: /CB-DP-2M/ })).toBeVisible();
  await checkA11y();
  await page.screenshot({ path: "docs/screenshots/portal-order.png", fullPage: true });

  await page.getByRole("link", { name: "返回订单列表" }).click();
  await page.getByLabel("搜索").fill("PO-E2E-7001");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("link", { name: number })).toBeVisible();
  await checkA11y();

  // The cart was emptied by the order: going back to checkout shows nothing to resubmit.
  await page.goto(`${portalURL}/checkout`);
  await expect(page.getByText("购物车是空的，先去选购产品吧。")).toBeVisible();
});

test("a dealer sees an order waiting for approval with the reason, and another dealer gets 404 for it", async ({ page, login, browser }) => {
  await login("portal", "buyer@demo.cn", "/orders?status=pending_approval");
  await page.locator("tbody tr a").first().click();
  await expect(page.getByText("本单的折扣需经上级审批。")).toBeVisible();
  await expect(page.getByRole("list", { name: "订单记录" }).getByText("修改订单")).toBeVisible();
  const url = page.url();

  const other = await pageAs(browser, "portal", "dealer2@demo.cn");
  const response = await other.goto(url);
  expect(response?.status()).toBe(404);
  await expect(other.getByText("您要找的内容不存在，或您没有查看权限。")).toBeVisible();
  await other.context().close();
});
