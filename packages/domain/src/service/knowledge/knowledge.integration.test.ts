import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, knowledgeArticles, organizations, productLines, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../shared/errors";
import type { Ctx } from "../../shared/context";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { anySerializedProduct, customerOf, insertRepairRequest } from "../network/test-fixtures";
import { knowledgeListQuery } from "./inputs";
import { archiveArticle, publishArticle } from "./publish";
import { createArticle, updateArticle } from "./save";
import { articlesForProduct, getArticle, searchArticles } from "./search";
import { draftArticleFromRequest } from "./from-request";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let desk: Ctx;
let tech: Ctx;
let customer: Ctx;
let sales: Ctx;
let product: Awaited<ReturnType<typeof anySerializedProduct>>;

const q = (raw: Record<string, unknown> = {}) => knowledgeListQuery.parse(raw);

async function articleCount() {
  const [row] = await db.select({ n: count() }).from(knowledgeArticles);
  return row!.n;
}

async function caught(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [desk, tech, customer, sales] = await Promise.all([
    ctxOf(db, "service@demo.cn"),
    ctxOf(db, "tech@demo.cn"),
    ctxOf(db, "customer@demo.cn"),
    ctxOf(db, "sales.bj@demo.cn"),
  ]);
  product = await anySerializedProduct(db);
});

const body = (over: Record<string, unknown> = {}) => ({
  _key: newKey(),
  title: "笔记本开机黑屏，电源灯闪烁",
  symptom: "按下电源键后屏幕无显示，电源指示灯橙色闪烁三次",
  cause: "内存条接触不良",
  solution: "拔下内存条，清洁金手指后重新插紧；仍无效则更换内存",
  ...over,
});

describe("createArticle", () => {
  it("creates a numbered draft with products by SKU, audited, and a retry returns the same article", async () => {
    const raw = body({ products: `${product.sku.toLowerCase()}，${product.sku}` });
    const first = await createArticle(desk, raw);
    const again = await createArticle(desk, raw);
    expect(again.id).toBe(first.id);
    expect(first.number).toMatch(/^KB-\d{4}-\d{6}$/);
    expect(first.status).toBe("draft");
    expect(first.productIds).toEqual([product.id]);
    expect(first.authorId).toBe(desk.actor.userId);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, first.id));
    expect(audits.map((a) => a.action)).toEqual(["create"]);
  });

  it.each([
    ["an empty title", { title: "" }, "title"],
    ["a three-character title", { title: "黑屏了" }, "title"],
    ["no solution", { solution: "   " }, "solution"],
    ["an unknown SKU", { products: "NO-SUCH-SKU" }, "products"],
    ["a product line id that is not a uuid", { productLineIds: ["x"] }, "productLineIds"],
    ["an unknown product line", { productLineIds: ["00000000-0000-4000-8000-000000000000"] }, "productLineIds"],
    ["an unknown division", { divisionId: "00000000-0000-4000-8000-000000000000" }, "divisionId"],
  ])("refuses %s and writes nothing", async (_what, over, field) => {
    const before = await articleCount();
    const error = await caught(createArticle(desk, body(over)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toContain(field);
    expect(await articleCount()).toBe(before);
  });

  it("refuses a customer and a sales user", async () => {
    await expectUnchanged(db, () => expect(createArticle(customer, body())).rejects.toBeInstanceOf(ForbiddenError));
    await expectUnchanged(db, () => expect(createArticle(sales, body())).rejects.toBeInstanceOf(ForbiddenError));
  });
});

describe("updateArticle", () => {
  it("edits under the version, replays harmlessly and refuses a stale edit", async () => {
    const a = await createArticle(desk, body());
    const edited = await updateArticle(desk, a.id, { ...body({ cause: "主板供电故障" }), version: a.version });
    expect(edited.version).toBe(a.version + 1);
    expect(edited.cause).toBe("主板供电故障");
    const replay = await updateArticle(desk, a.id, { ...body({ cause: "主板供电故障" }), version: a.version });
    expect(replay.version).toBe(edited.version);
    await expectUnchanged(db, () => expect(updateArticle(desk, a.id, { ...body({ cause: "另一种原因" }), version: a.version })).rejects.toBeInstanceOf(ConflictError));
    const [row] = await db.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, a.id));
    expect(row!.cause).toBe("主板供电故障");
  });

  it("lets a technician edit its own draft but not the desk's, nor a published one", async () => {
    const own = await createArticle(tech, body());
    await expect(updateArticle(tech, own.id, { ...body({ cause: "风扇积灰" }), version: own.version })).resolves.toMatchObject({ cause: "风扇积灰" });
    const desks = await createArticle(desk, body());
    await expectUnchanged(db, () => expect(updateArticle(tech, desks.id, { ...body(), version: desks.version })).rejects.toBeInstanceOf(NotFoundError));
    const fresh = await getArticle(desk, own.id);
    await publishArticle(desk, own.id, { version: fresh.article.version });
    await expectUnchanged(db, () => expect(updateArticle(tech, own.id, { ...body({ cause: "x原因" }), version: fresh.article.version + 1 })).rejects.toBeInstanceOf(ForbiddenError));
  });
});

describe("publish and archive", () => {
  it("publishes (stamping who and when), archives, republishes, and a repeat click is a no-op", async () => {
    const a = await createArticle(desk, body());
    const published = await publishArticle(desk, a.id, { version: a.version });
    expect(published).toMatchObject({ status: "published", publishedBy: desk.actor.userId, version: a.version + 1 });
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect((await publishArticle(desk, a.id, { version: a.version })).version).toBe(published.version);
    const archived = await archiveArticle(desk, a.id, { version: published.version });
    expect(archived.status).toBe("archived");
    await expectUnchanged(db, () => expect(publishArticle(desk, a.id, { version: published.version })).rejects.toBeInstanceOf(ConflictError));
    expect((await publishArticle(desk, a.id, { version: archived.version })).status).toBe("published");
    const actions = (await db.select().from(auditLog).where(eq(auditLog.entityId, a.id))).map((r) => r.action);
    expect(actions).toEqual(["create", "publish", "archive", "publish"]);
  });

  it("is the desk's: a technician cannot publish, and a bad id is not found", async () => {
    const a = await createArticle(tech, body());
    await expectUnchanged(db, () => expect(publishArticle(tech, a.id, { version: 1 })).rejects.toBeInstanceOf(ForbiddenError));
    await expectUnchanged(db, () => expect(publishArticle(desk, "not-a-uuid", { version: 1 })).rejects.toBeInstanceOf(NotFoundError));
  });
});

describe("searchArticles", () => {
  let line: string;
  let lineProduct: string;
  let printerArticle: string;
  beforeAll(async () => {
    const [l] = await db.select().from(productLines).where(eq(productLines.id, product.productLineId));
    line = l!.id;
    lineProduct = product.id;
    const a = await createArticle(desk, body({ _key: newKey(), title: "激光打印机卡纸反复出现", symptom: "每打印十页左右就卡纸，搓纸轮有异响", products: "" }));
    await publishArticle(desk, a.id, { version: a.version });
    printerArticle = a.id;
    const b = await createArticle(desk, body({ _key: newKey(), title: "整条产品线通用：固件升级失败", symptom: "升级固件到 80% 时报错", productLineIds: [line] }));
    await publishArticle(desk, b.id, { version: b.version });
    await createArticle(desk, body({ _key: newKey(), title: "草稿：打印机卡纸另一种情况", symptom: "卡纸", products: "" }));
  });

  it("finds a Chinese substring of the title or the symptom, three characters and more", async () => {
    const byTitle = await searchArticles(customer, q({ q: "打印机卡" }));
    expect(byTitle.rows.map((r) => r.id)).toEqual([printerArticle]);
    const bySymptom = await searchArticles(customer, q({ q: "搓纸轮" }));
    expect(bySymptom.rows.map((r) => r.id)).toEqual([printerArticle]);
  });

  it("finds one- and two-character queries too (no trigram: filtered rows are scanned)", async () => {
    const two = await searchArticles(customer, q({ q: "卡纸", size: "100" }));
    expect(two.rows.map((r) => r.id)).toContain(printerArticle);
    expect(two.rows.every((r) => `${r.title}${r.symptom}`.includes("卡纸"))).toBe(true);
    const one = await searchArticles(desk, q({ q: "卡", size: "100" }));
    expect(one.total).toBeGreaterThan(two.total);
    expect(one.rows.every((r) => `${r.title}${r.symptom}`.includes("卡"))).toBe(true);
  });

  it("looks an article up by its KB number or the number's beginning", async () => {
    const [first] = (await searchArticles(desk, q({ sort: "number", dir: "asc", size: "10" }))).rows;
    expect((await searchArticles(desk, q({ q: first!.number.toLowerCase() }))).rows.map((r) => r.id)).toEqual([first!.id]);
    expect((await searchArticles(desk, q({ q: first!.number.slice(0, 8) }))).total).toBeGreaterThan(1);
  });

  it("takes % and _ literally and finds nothing for a string no article holds", async () => {
    expect((await searchArticles(desk, q({ q: "80%" }))).rows.map((r) => r.title)).toEqual(["整条产品线通用：固件升级失败"]);
    expect((await searchArticles(desk, q({ q: "8_%" }))).total).toBe(0);
    expect((await searchArticles(desk, q({ q: "不存在的故障现象" }))).total).toBe(0);
  });

  it("shows customers and technicians published articles only, the desk every status", async () => {
    const all = await searchArticles(desk, q({ size: "100" }));
    const forCustomer = await searchArticles(customer, q({ size: "100" }));
    expect(forCustomer.rows.every((r) => r.status === "published")).toBe(true);
    expect(forCustomer.total).toBeLessThan(all.total);
    expect((await searchArticles(desk, q({ status: "draft", size: "100" }))).rows.every((r) => r.status === "draft")).toBe(true);
    await expectUnchanged(db, () => expect(searchArticles(sales, q())).rejects.toBeInstanceOf(ForbiddenError));
  });

  it("filters by product: listed products and the product's whole line", async () => {
    const forProduct = await searchArticles(customer, q({ product: lineProduct, size: "100" }));
    const titles = forProduct.rows.map((r) => r.title);
    expect(titles).toContain("整条产品线通用：固件升级失败");
    expect(titles).not.toContain("激光打印机卡纸反复出现");
    const forLine = await searchArticles(customer, q({ line, size: "100" }));
    expect(forLine.total).toBe(forProduct.total);
    expect((await articlesForProduct(tech, lineProduct)).map((a) => a.title)).toContain("整条产品线通用：固件升级失败");
  });

  it("pages in SQL with a stable order", async () => {
    for (let i = 0; i < 12; i++) await createArticle(desk, body({ title: `分页测试文章 ${i}` }));
    const p1 = await searchArticles(desk, q({ size: "10", page: "1" }));
    const p2 = await searchArticles(desk, q({ size: "10", page: "2" }));
    expect(p1.rows).toHaveLength(10);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(p1.rows.length + p2.rows.length);
    expect(p1.total).toBe(await articleCount());
  });

  it("hides drafts from customers by URL (404)", async () => {
    const draft = await createArticle(desk, body());
    await expectUnchanged(db, () => expect(getArticle(customer, draft.id)).rejects.toBeInstanceOf(NotFoundError));
    await expect(getArticle(desk, draft.id)).resolves.toMatchObject({ article: { id: draft.id } });
  });
});

describe("draftArticleFromRequest", () => {
  it("turns the station's resolved request into one draft, and asking again returns it", async () => {
    const [station] = await db.select().from(organizations).where(eq(organizations.code, "RS-001"));
    const endCustomerId = await customerOf(db);
    const request = await insertRepairRequest(db, {
      productId: product.id,
      endCustomerId,
      stationId: station!.id,
      status: "ready",
      symptoms: "屏幕出现竖线。偶尔闪烁",
      diagnosis: "屏线松动",
      resolution: "重新固定屏线并更换屏线卡扣",
    });
    const first = await draftArticleFromRequest(tech, { requestId: request.id });
    expect(first.created).toBe(true);
    expect(first.article).toMatchObject({
      status: "draft",
      symptom: "屏幕出现竖线。偶尔闪烁",
      cause: "屏线松动",
      solution: "重新固定屏线并更换屏线卡扣",
      productIds: [product.id],
      sourceRepairRequestId: request.id,
      authorId: tech.actor.userId,
    });
    expect(first.article.title).toBe(`${product.nameZh}：屏幕出现竖线`);
    const again = await draftArticleFromRequest(tech, { requestId: request.id });
    expect(again).toMatchObject({ created: false, article: { id: first.article.id } });
    expect((await getArticle(desk, first.article.id)).sourceRequestNumber).toBe(request.number);
  });

  it("refuses an unresolved request, another station's request (404) and a customer", async () => {
    const [station] = await db.select().from(organizations).where(eq(organizations.code, "RS-001"));
    const [other] = await db.select().from(organizations).where(eq(organizations.code, "RS-002"));
    const endCustomerId = await customerOf(db);
    const open = await insertRepairRequest(db, { productId: product.id, endCustomerId, stationId: station!.id, status: "diagnosing" });
    const foreign = await insertRepairRequest(db, { productId: product.id, endCustomerId, stationId: other!.id, status: "closed", resolution: "更换主板" });
    const before = await articleCount();
    const notResolved = await caught(draftArticleFromRequest(tech, { requestId: open.id }));
    expect(notResolved).toBeInstanceOf(ValidationError);
    expect((notResolved as ValidationError).fieldErrors.form).toEqual(["knowledge.validation.requestNotResolved"]);
    await expectUnchanged(db, () => expect(draftArticleFromRequest(tech, { requestId: foreign.id })).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(draftArticleFromRequest(tech, { requestId: "x" })).rejects.toBeInstanceOf(ValidationError));
    await expectUnchanged(db, () => expect(draftArticleFromRequest(customer, { requestId: open.id })).rejects.toBeInstanceOf(ForbiddenError));
    expect(await articleCount()).toBe(before);
  });
});
