import { createReadStream, mkdirSync, rmSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { createDatabase } from "@cs/db";
import { seedUuid } from "@cs/seed";
import { importLeads, loadActor, readLeadXlsx } from "@cs/domain";
import { round } from "./lib/stats";

export const AIM_SECONDS = 15;
export const AIM_RSS_MB = 300;
const FILE = ".data/bench-lead-import.xlsx";

/**
 * The trade-show sheet: `rows` rows after a header, 2% of them bad (a mobile and an e-mail that are
 * not), 5% repeating an earlier row's mobile. The run's own random prefix keeps the mobiles of one
 * run from merging into an earlier run's leads, so every run imports the same mix.
 */
async function writeSheet(rows: number) {
  mkdirSync(".data", { recursive: true });
  const run = String(randomBytes(2).readUInt16BE(0) % 90 + 10);
  const mobileOf = (i: number) => `15${run}${String(i).padStart(7, "0")}`;
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: FILE, useSharedStrings: false, useStyles: false });
  const sheet = writer.addWorksheet("线索");
  sheet.addRow(["姓名", "公司", "手机", "邮箱", "信用代码", "省份", "城市", "意向"]).commit();
  let bad = 0;
  let duplicates = 0;
  for (let i = 1; i <= rows; i++) {
    if (i % 50 === 0) {
      bad++;
      sheet.addRow([`坏行${i}`, "某公司", "12345", "not-an-email", "", "北京市", "北京市", "笔记本"]).commit();
    } else if (i % 20 === 7) {
      // never a multiple of 50; row i - 6 is always a good, first-time row
      duplicates++;
      sheet.addRow([`重复${i}`, `公司${i - 6}`, mobileOf(i - 6), "", "", "上海市", "上海市", "投影"]).commit();
    } else {
      sheet.addRow([`联系人${i}`, `展会客户${i}有限公司`, mobileOf(i), `lead${run}.${i}@example.cn`, "", "广东省", "深圳市", "服务器"]).commit();
    }
  }
  await sheet.commit();
  await writer.commit();
  return { bad, duplicates };
}

/**
 * lead_import: a 100,000-row XLSX through the back-office's own path — rows streamed from the file
 * (readLeadXlsx) into the import's batches of checks, set-based dedupe and INSERT … unnest (importLeads) — timed end to end,
 * with the process's peak resident memory sampled every 20 ms while it runs.
 */
export async function leadImportBench(url: string, options: { rows: number; log: (m: string) => void }) {
  const db = createDatabase(url, { max: 2 });
  try {
    options.log(`lead_import: writing a ${options.rows.toLocaleString("en")}-row XLSX …`);
    const mix = await writeSheet(options.rows);
    const actor = await loadActor(db, seedUuid("user:marketing@demo.cn"));
    if (!actor) throw new Error("lead_import: the demo marketing user is missing");
    const [before] = await db.execute<{ n: number }>(sql`select count(*)::int as n from leads`);
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    // the rows stream from the file into the import: reading and writing overlap, so only the total is timed
    const source = { file: { name: "bench-lead-import.xlsx", bytes: statSync(FILE).size }, rows: readLeadXlsx(createReadStream(FILE)) };
    const result = await importLeads({ db, actor }, { _key: `bench-${randomBytes(8).toString("hex")}` }, source);
    const t2 = performance.now();
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const [after] = await db.execute<{ n: number }>(sql`select count(*)::int as n from leads`);
    const seconds = (t2 - t0) / 1000;
    const rejected = new Set(result.errors.map((e) => e.row)).size;
    const peakMb = Math.round(peakRss / 2 ** 20);
    return {
      rows: options.rows,
      bad_rows: mix.bad,
      duplicate_rows: mix.duplicates,
      seconds: round(seconds, 2),
      rows_per_s: Math.round(options.rows / seconds),
      peak_rss_mb: peakMb,
      rss_growth_mb: Math.round((peakRss - baseRss) / 2 ** 20),
      aim_seconds: AIM_SECONDS,
      aim_rss_mb: AIM_RSS_MB,
      ok: seconds < AIM_SECONDS && peakMb < AIM_RSS_MB,
      // the import's counts match the sheet's mix, and the table grew by exactly the new leads
      result_check: {
        expected: { created: options.rows - mix.bad - mix.duplicates, merged: mix.duplicates, rejected: mix.bad, added: options.rows - mix.bad - mix.duplicates },
        actual: { created: result.created, merged: result.merged, rejected, added: (after?.n ?? 0) - (before?.n ?? 0) },
      },
    };
  } finally {
    rmSync(FILE, { force: true });
    await db.$client.end();
  }
}
