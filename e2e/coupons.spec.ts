import { checkA11y, expect, pageAs, portalURL, test } from "./fixtures";

/**
 * Coupons at checkout on the seeded data: DL-0001's admin finds its coupon under "my coupons", types
 * a wrong code (refused, translated), then its own; the checkout shows the discount as its own line
 * with the code and description, and so does the order it places.
 */
test("a partner uses its coupon at checkout and sees it in the price explanation of the order", async ({ browser }) => {
  test.setTimeout(120_000);
  const dealer = await pageAs(browser, "portal", "dealer@demo.cn", { viewport: { width: 1280, height: 800 } }, "/coupons");
  await expect(dealer.getByRole("heading", { name: "我的优惠券", level: 1 })).toBeVisible();
  const card = dealer.getByRole("listitem").filter({ hasText: "年终答谢券" });
  const code = ((await card.textContent()) ?? "").match(/HXD-[A-Z0-9]{4}-[A-Z0-9]{4}/)?.[0] ?? "";
  expect(code).toMatch(/^HXD-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await checkA11y(dealer);

  await dealer.goto(`${portalURL}/cart/quick-order`);
  await dealer.getByLabel("粘贴订货行").fill("KM-KB-W100 20");
  await dealer.getByRole("button", { name: "检查并加入购物车" }).click();
  await dealer.waitForURL(/\/cart(\?|$)/);
  await dealer.getByRole("link", { name: "去结算" }).click();
  await expect(dealer.getByRole("heading", { name: "结算" })).toBeVisible();

  await dealer.getByLabel("券码").fill("HXD-0000-0000");
  await dealer.getByRole("button", { name: "使用", exact: true }).click();
  await expect(dealer.getByText("券码无效，或不属于贵公司")).toBeVisible();

  await dealer.getByLabel("券码").fill(code.toLowerCase());
  await dealer.getByRole("button", { name: "使用", exact: true }).click();
  await expect(dealer.getByText(`已使用优惠券 ${code}：年终答谢券`)).toBeVisible();
  await expect(dealer.getByTestId("coupon-discount")).toHaveText("−¥50.00");
  await expect(dealer.getByRole("term").filter({ hasText: `优惠券 ${code}` })).toContainText("年终答谢券");
  await checkA11y(dealer);
  await dealer.getByRole("button", { name: "提交订单" }).click();
  await dealer.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1/);
  await expect(dealer.getByRole("term").filter({ hasText: `优惠券 ${code}` })).toContainText("年终答谢券");
  await expect(dealer.getByTestId("coupon-discount")).toHaveText("−¥50.00");
});
