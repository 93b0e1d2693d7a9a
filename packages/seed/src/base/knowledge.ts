import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db/client";
import { documentSequences } from "@cs/db/schema/audit";
import { knowledgeArticles } from "@cs/db/schema/knowledge";
import type { DemoData } from "./demo";
import { seedUuid } from "./random";

/** Published know-how for the demo's product lines, and one technician draft waiting for the desk. */
const ARTICLES: readonly { line: string; title: string; symptom: string; cause: string; solution: string; draft?: boolean }[] = [
  {
    line: "NB",
    title: "笔记本开机黑屏，电源灯闪烁",
    symptom: "按下电源键后屏幕无显示，电源指示灯橙色闪烁三次后熄灭。",
    cause: "内存条接触不良或氧化。",
    solution: "断电后拆下内存条，用橡皮擦清洁金手指再重新插紧；仍无效则更换内存条并做内存检测。",
  },
  {
    line: "NB",
    title: "笔记本电池无法充电，显示“已接通电源，未充电”",
    symptom: "电源适配器已连接，电池电量不增加，系统提示已接通电源但未充电。",
    cause: "电池管理固件异常或电池老化。",
    solution: "更新 BIOS 与电源管理驱动，拔下适配器长按电源键 30 秒放电后重试；电池健康度低于 60% 时更换电池。",
  },
  {
    line: "MON",
    title: "显示器屏幕出现竖线或花屏",
    symptom: "开机后屏幕出现彩色竖线，轻按边框时线条变化。",
    cause: "屏线松动或液晶面板驱动板故障。",
    solution: "重新插拔并固定屏线；更换信号线后仍有竖线则更换面板，按保修政策处理。",
  },
  {
    line: "PR",
    title: "激光打印机频繁卡纸",
    symptom: "每打印十页左右就卡纸，搓纸时有异响。",
    cause: "搓纸轮磨损或纸张受潮。",
    solution: "更换搓纸轮与分离垫，使用干燥的 70–80 克纸张，并清洁纸路。",
  },
  {
    line: "SW",
    title: "交换机端口频繁掉线",
    symptom: "部分端口指示灯反复熄灭，终端网络间歇中断。",
    cause: "端口速率协商不一致或网线质量问题。",
    solution: "将两端端口设为固定速率与双工，更换超五类以上网线；仍掉线时检查环路并启用生成树。",
  },
  {
    line: "NB",
    title: "笔记本键盘部分按键失灵",
    symptom: "键盘右侧数个按键按下无反应，外接键盘正常。",
    cause: "键盘排线松脱或进液。",
    solution: "重新插紧键盘排线；有进液痕迹时更换键盘总成。",
    draft: true,
  },
];

export async function seedKnowledge(db: DatabaseOrTransaction, data: DemoData, now = new Date()) {
  const year = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(now));
  const lineId = new Map(data.productLines.map((l) => [l.code, { id: l.id!, divisionId: l.divisionId }]));
  const rows = ARTICLES.filter((a) => lineId.has(a.line)).map((a, i) => {
    const line = lineId.get(a.line)!;
    return {
      id: seedUuid(`knowledge:${i + 1}`),
      number: `KB-${year}-${String(i + 1).padStart(6, "0")}`,
      title: a.title,
      symptom: a.symptom,
      cause: a.cause,
      solution: a.solution,
      productLineIds: [line.id],
      divisionId: line.divisionId,
      status: a.draft ? ("draft" as const) : ("published" as const),
      authorId: seedUuid(a.draft ? "user:tech@demo.cn" : "user:service@demo.cn"),
      publishedBy: a.draft ? null : seedUuid("user:service@demo.cn"),
      publishedAt: a.draft ? null : now,
      version: a.draft ? 1 : 2,
    };
  });
  if (rows.length === 0) return;
  await db.insert(knowledgeArticles).values(rows);
  await db
    .insert(documentSequences)
    .values({ prefix: "KB", year, lastValue: rows.length })
    .onConflictDoUpdate({ target: [documentSequences.prefix, documentSequences.year], set: { lastValue: sql`greatest(${documentSequences.lastValue}, ${rows.length})` } });
}
