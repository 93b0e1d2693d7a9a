import { and, count, eq, sql } from "drizzle-orm";
import { createDatabase, products, users } from "@cs/db";
import { browseCatalog, catalogQuery, catalogSearch, loadActor } from "@cs/domain";
import { median, overRounds, percentile, round, timedRounds } from "./lib/stats";

const WARMUP = 10;
const DEALER_LOGIN = "dealer@demo.cn";
/**
 * Chinese substrings a dealer types: names of lines and parts of product names, both from three
 * characters (served by the trigram indexes) and of one or two (no trigram: a scan of the table).
 */
const LONG_QUERIES = ["显示器", "笔记本", "交换机", "工作站", "激光打印机", "路由器", "服务器", "商用台式机"];
const SHORT_QUERIES = ["固态", "无线", "硒鼓", "万兆", "鼠标", "键"];

const stats = (rounds: number[][]) => overRounds(rounds);

/**
 * catalog_search: the portal catalogue's Chinese substring search over ≥10,000 products as the
 * dealer DL-0001 runs it — browseCatalog(): the page of 20 rows and the total in SQL, then the
 * dealer's prices (resolvePrices) and availability for that page — plus the search statement alone
 * and the plan that shows the trigram index serving it.
 */
export async function catalogSearchBench(url: string, options: { runs: number; log: (m: string) => void }) {
  const db = createDatabase(url, { max: 4 });
  try {
    // The search reads the whole table (its indexes hold every row); about 3% of the large seed is inactive.
    const [{ n: total } = { n: 0 }] = await db.select({ n: count() }).from(products);
    const [{ n: active } = { n: 0 }] = await db.select({ n: count() }).from(products).where(eq(products.active, true));
    if (total < 10_000) throw new Error(`catalog_search needs ≥ 10,000 products, found ${total}: the large seed did not run`);
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.login, DEALER_LOGIN));
    const actor = user ? await loadActor(db, user.id) : null;
    if (!actor) throw new Error(`${DEALER_LOGIN} missing: the demo seed did not run`);
    const ctx = { db, actor };
    // Fresh statistics, as autovacuum would have after the seed's bulk insert: without them the planner guesses 1 row.
    await db.execute(sql`analyze products`);

    const measure = (queries: string[], run: (q: string) => Promise<unknown>) =>
      timedRounds(options.runs, (i) => run(queries[i % queries.length]!), { warmup: WARMUP });
    const page = (q: string) => browseCatalog(ctx, catalogQuery.parse({ q, size: "20" }));
    const statement = (q: string) =>
      Promise.all([
        db.select({ id: products.id }).from(products).where(and(eq(products.active, true), catalogSearch(q))).orderBy(products.sku).limit(20),
        db.select({ n: count() }).from(products).where(and(eq(products.active, true), catalogSearch(q))),
      ]);

    options.log(`catalog_search: ${options.runs} Chinese searches per figure over ${total.toLocaleString("en")} products (${active.toLocaleString("en")} active) …`);
    const long = await measure(LONG_QUERIES, page);
    const short = await measure(SHORT_QUERIES, page);
    const longSql = await measure(LONG_QUERIES, statement);
    const shortSql = await measure(SHORT_QUERIES, statement);
    const hits = await Promise.all(LONG_QUERIES.map(async (q) => [q, (await page(q)).total] as const));
    const check = await checkSearch(db, ctx, [...LONG_QUERIES, ...SHORT_QUERIES]);

    const explain = async (q: string) =>
      (await db.execute<{ "QUERY PLAN": string }>(sql`explain analyze select count(*) from ${products} where ${products.active} and ${catalogSearch(q)}`)).map((r) => r["QUERY PLAN"]);
    // the total's statement (the page's stops at 20 rows in SKU order): the planner picks the trigram
    // index when a term is selective and a scan when it matches a large share of 10k short rows
    const planLong = await explain("激光打印机");
    const planShort = await explain(SHORT_QUERIES[0]!);
    const [l, sh] = [long.flat(), short.flat()];
    options.log(`catalog_search: median ${round(median(l), 2)} ms, p95 ${round(percentile(l, 95), 2)} ms (1–2 characters: ${round(median(sh), 2)} / ${round(percentile(sh, 95), 2)} ms)`);
    return {
      products: total,
      products_active: active,
      runs: options.runs,
      warmup_runs: WARMUP,
      actor: DEALER_LOGIN,
      page_size: 20,
      queries: { three_or_more_chars: LONG_QUERIES, one_or_two_chars: SHORT_QUERIES },
      ...stats(long),
      short_queries: stats(short),
      search_sql_only: stats(longSql),
      search_sql_only_short: stats(shortSql),
      hits: Object.fromEntries(hits),
      result_check: check,
      uses_trigram_index: planLong.some((l) => l.includes("trgm_idx")),
      plan_three_chars: planLong,
      plan_two_chars: planShort,
      units: {
        median_ms: "ms per catalogue page for a dealer, 3+ Chinese characters: rows + total + prices + availability",
        short_queries: "the same for 1–2 characters (no trigram: table scan)",
        search_sql_only: "ms: the page's rows and total statements alone",
      },
    };
  } finally {
    await db.$client.end();
  }
}

/**
 * Correctness beside speed: every row of every query's first page contains the query in its SKU or a
 * name (as the dealer would read it, case folded), and each reported total equals a count over the
 * table with strpos, which no trigram index or LIKE pattern serves.
 */
async function checkSearch(db: ReturnType<typeof createDatabase>, ctx: Parameters<typeof browseCatalog>[0], queries: string[]) {
  const totals: Record<string, number> = {};
  const counted: Record<string, number> = {};
  let rowsWithoutQuery = 0;
  let rowsChecked = 0;
  for (const q of queries) {
    const result = await browseCatalog(ctx, catalogQuery.parse({ q, size: "20" }));
    const needle = q.toLowerCase();
    for (const r of result.rows) {
      rowsChecked++;
      if (![r.sku, r.nameZh, r.nameEn].some((text) => text.toLowerCase().includes(needle))) rowsWithoutQuery++;
    }
    totals[q] = result.total;
    const [row] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from products p join product_lines l on l.id = p.product_line_id
       where p.active and (strpos(lower(p.sku), ${needle}) > 0 or strpos(lower(p.name_zh), ${needle}) > 0 or strpos(lower(p.name_en), ${needle}) > 0)`);
    counted[q] = Number(row?.n ?? 0);
  }
  return {
    what: "each page row contains the query; each total = count(*) of active products whose SKU or name contains it (strpos)",
    rows_checked: rowsChecked,
    expected: { rows_without_query: 0, totals: counted },
    actual: { rows_without_query: rowsWithoutQuery, totals },
  };
}
