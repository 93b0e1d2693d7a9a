import { seedUuid } from "@cs/seed";
import { backofficeURL, expect, pageAs, test } from "./fixtures";

// DL-0001 is a Beijing dealer of the server and peripherals divisions, not of networking.
const dl0001 = seedUuid("org:DL-0001");

test("a salesperson limited to the networking division cannot open another division's partner by URL", async ({ page, login, browser }) => {
  // Beijing sales without a division limit opens it.
  const branchWide = await pageAs(browser, "backoffice", "sales.bj@demo.cn", {}, `/organizations/${dl0001}`);
  await expect(branchWide.getByRole("heading", { name: /天津长风电脑有限公司/ }).first()).toBeVisible();
  await branchWide.close();

  await login("backoffice", "sales.net@demo.cn");
  for (const path of [`/organizations/${dl0001}`, `/organizations/${dl0001}/360`, `/organizations/${dl0001}/edit`]) {
    const response = await page.goto(`${backofficeURL}${path}`);
    expect(response!.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    await expect(page.getByText("天津长风电脑有限公司")).toHaveCount(0);
  }

  // Nor is it in the list or the search, while the division's partners are.
  await page.goto(`${backofficeURL}/organizations?q=DL-0001`);
  await expect(page.getByText("天津长风电脑有限公司")).toHaveCount(0);
  await page.goto(`${backofficeURL}/organizations?kind=dealer`);
  await expect(page.getByRole("link", { name: /有限公司|商贸|科技/ }).first()).toBeVisible();
});
