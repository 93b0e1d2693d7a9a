import { existsSync } from "node:fs";
import { eq, inArray } from "drizzle-orm";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { hashPassword } from "@cs/auth/server";
import { createDatabase, products, users } from "@cs/db";
import { PortalClient } from "./lib/http-client";
import { startPortal } from "./lib/portal";
import { median, percentile, round } from "./lib/stats";

export const AIM_PERFORMANCE = 90;
export const AIM_ACCESSIBILITY = 95;
const DEALER = "dealer@demo.cn";
const PASSWORD = "Bench@2026-lighthouse";
/** The pages a dealer orders with on a phone; the cart holds one monitor so checkout has a line. */
const PAGES = ["/", "/catalog", "/checkout"] as const;
const CHROMIUM = process.env.CHROME_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));

type Score = { performance: number; accessibility: number; lcp_ms: number; tbt_ms: number };

/**
 * lighthouse: Lighthouse (mobile form factor, simulated 4G and a 4× slower CPU, as PageSpeed does)
 * on the portal's home, catalogue and checkout, signed in as the demo dealer, from the production
 * build, in Debian's Chromium. The anchor, same run and server: the anonymous sign-in page, the
 * barest page the portal serves. Headline: the lowest score of the three pages per category, and the
 * pages' Largest Contentful Paint (median_ms, p95_ms).
 */
export async function lighthouseBench(url: string, options: { log: (m: string) => void }) {
  if (!CHROMIUM) return { skipped: "no Chromium found (apt-get install -y chromium, or set CHROME_PATH)" };
  const started = performance.now();
  const db = createDatabase(url, { max: 2 });
  const server = await startPortal(url, 0, options.log, "portal");
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  try {
    await db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(inArray(users.login, [DEALER]));
    const client = new PortalClient(server.base);
    await client.signIn(DEALER, PASSWORD);
    const [monitor] = await db.select({ id: products.id, sku: products.sku }).from(products).where(eq(products.sku, "MON-24F-IPS"));
    if (monitor) {
      await client.get("/catalog");
      await client.post("/catalog", [["productId", monitor.id], ["sku", monitor.sku], ["quantity", "1"], ["_key", `lighthouse-${Date.now()}`]]);
    }

    const audit = async (path: string, cookie: string | null): Promise<Score> => {
      const result = await lighthouse(`${server.base}${path}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        formFactor: "mobile",
        extraHeaders: cookie ? { Cookie: cookie } : undefined,
        locale: "zh",
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`lighthouse gave no report for ${path}`);
      if (lhr.runtimeError) throw new Error(`lighthouse ${path}: ${lhr.runtimeError.message}`);
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      return {
        performance: score("performance"),
        accessibility: score("accessibility"),
        lcp_ms: round(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0, 1),
        tbt_ms: round(lhr.audits["total-blocking-time"]?.numericValue ?? 0, 1),
      };
    };

    options.log("lighthouse: the anonymous sign-in page (anchor) …");
    const anchor = await audit("/login", null);
    const pages: Record<string, Score> = {};
    for (const path of PAGES) {
      options.log(`lighthouse: ${path} as ${DEALER} …`);
      pages[path] = await audit(path, client.cookieHeader());
    }
    const all = Object.values(pages);
    const performance_min = Math.min(...all.map((p) => p.performance));
    const accessibility_min = Math.min(...all.map((p) => p.accessibility));
    const lcps = all.map((p) => p.lcp_ms);
    return {
      performance_min,
      accessibility_min,
      median_ms: round(median(lcps), 1),
      p95_ms: round(percentile(lcps, 95), 1),
      pages,
      anchor: { page: "/login (anonymous)", ...anchor },
      aim: { performance: AIM_PERFORMANCE, accessibility: AIM_ACCESSIBILITY },
      ok: performance_min >= AIM_PERFORMANCE && accessibility_min >= AIM_ACCESSIBILITY,
      seconds: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    await chrome.kill();
    await server.stop();
    await db.$client.end({ timeout: 5 });
  }
}
