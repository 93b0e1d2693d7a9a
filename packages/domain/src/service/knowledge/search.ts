import { and, asc, count, desc, eq, ilike, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { divisions, knowledgeArticles, productLines, products, repairRequests, users } from "@cs/db";
import { normalizeSearch } from "../../catalog/search";
import type { Ctx } from "../../shared/context";
import { NotFoundError } from "../../shared/errors";
import { likePattern, type Page } from "../../shared/list-query";
import { isUuid } from "../../shared/parse";
import { authorizeKnowledgeRead, knowledgeScope, mayReadKnowledge } from "./access";
import type { KnowledgeListQuery } from "./inputs";

const k = knowledgeArticles;

/**
 * Chinese (or any) substring of the title or symptom; a query that starts with `KB-` looks up article
 * numbers by prefix instead. From three characters on the pg_trgm GIN indexes on title and symptom
 * answer with a BitmapOr (2 ms for a 7-character query over 50,000 articles, where an OR with any
 * unindexed column would force a 120 ms sequential scan); one or two characters hold no trigram, so
 * PostgreSQL filters the rows the other conditions left, which for a knowledge base of thousands of
 * articles stays within a few milliseconds.
 */
export function knowledgeTextMatch(q: string): SQL {
  const text = normalizeSearch(q);
  if (/^kb-/i.test(text)) return like(k.number, `${text.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const pattern = likePattern(text);
  return or(ilike(k.title, pattern), ilike(k.symptom, pattern))!;
}

/** The article applies to this product: listed itself, or its product line is. */
export function appliesToProduct(productId: string): SQL {
  return or(
    sql`${k.productIds} @> array[${productId}]::uuid[]`,
    sql`${k.productLineIds} @> array[(select ${products.productLineId} from ${products} where ${products.id} = ${productId})]::uuid[]`,
  )!;
}

/** The article applies to the line: the line is listed, or one of its products is. */
function appliesToLine(lineId: string): SQL {
  return or(
    sql`${k.productLineIds} @> array[${lineId}]::uuid[]`,
    sql`${k.productIds} && array(select ${products.id} from ${products} where ${products.productLineId} = ${lineId})`,
  )!;
}

const sortColumns = { updatedAt: k.updatedAt, publishedAt: k.publishedAt, number: k.number, title: k.title };

function filters(ctx: Ctx, q: KnowledgeListQuery): SQL | undefined {
  return and(
    knowledgeScope(ctx.actor),
    q.status ? eq(k.status, q.status) : undefined,
    q.q ? knowledgeTextMatch(q.q) : undefined,
    q.product ? appliesToProduct(q.product) : undefined,
    q.line ? appliesToLine(q.line) : undefined,
    q.division ? eq(k.divisionId, q.division) : undefined,
  );
}

export type KnowledgeRow = {
  id: string;
  number: string;
  title: string;
  symptom: string;
  status: (typeof k.$inferSelect)["status"];
  divisionZh: string | null;
  divisionEn: string | null;
  productCount: number;
  lineCount: number;
  authorName: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
  version: number;
};

/** One page of articles this actor may read, filtered and sorted in SQL, with the total. */
export async function searchArticles(ctx: Ctx, q: KnowledgeListQuery): Promise<Page<KnowledgeRow>> {
  authorizeKnowledgeRead(ctx.actor);
  const where = filters(ctx, q);
  const order = q.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: k.id,
        number: k.number,
        title: k.title,
        symptom: sql<string>`left(${k.symptom}, 160)`,
        status: k.status,
        divisionZh: divisions.nameZh,
        divisionEn: divisions.nameEn,
        productCount: sql<number>`cardinality(${k.productIds})`,
        lineCount: sql<number>`cardinality(${k.productLineIds})`,
        authorName: users.displayName,
        publishedAt: k.publishedAt,
        updatedAt: k.updatedAt,
        version: k.version,
      })
      .from(k)
      .leftJoin(divisions, eq(divisions.id, k.divisionId))
      .leftJoin(users, eq(users.id, k.authorId))
      .where(where)
      .orderBy(sql`${order(sortColumns[q.sort])} nulls last`, desc(k.id))
      .limit(q.size)
      .offset((q.page - 1) * q.size),
    ctx.db.select({ n: count() }).from(k).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: q.page, size: q.size };
}

/** One article with its products, lines, division, author and source request, if this actor may read it. */
export async function getArticle(ctx: Ctx, id: string) {
  authorizeKnowledgeRead(ctx.actor);
  if (!isUuid(id)) throw new NotFoundError("knowledge_article");
  const [article] = await ctx.db
    .select()
    .from(k)
    .where(and(eq(k.id, id), knowledgeScope(ctx.actor)));
  if (!article) throw new NotFoundError("knowledge_article");
  const [productRows, lineRows, extra] = await Promise.all([
    article.productIds.length
      ? ctx.db
          .select({ id: products.id, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn })
          .from(products)
          .where(inArray(products.id, article.productIds))
          .orderBy(asc(products.sku))
      : Promise.resolve([]),
    article.productLineIds.length
      ? ctx.db
          .select({ id: productLines.id, code: productLines.code, nameZh: productLines.nameZh, nameEn: productLines.nameEn })
          .from(productLines)
          .where(inArray(productLines.id, article.productLineIds))
          .orderBy(asc(productLines.code))
      : Promise.resolve([]),
    ctx.db.execute<{ author: string | null; publisher: string | null; division_zh: string | null; division_en: string | null; source_number: string | null }>(sql`
      select (select display_name from ${users} where id = ${article.authorId}) as author,
             (select display_name from ${users} where id = ${article.publishedBy}) as publisher,
             (select name_zh from ${divisions} where id = ${article.divisionId}) as division_zh,
             (select name_en from ${divisions} where id = ${article.divisionId}) as division_en,
             (select number from ${repairRequests} where id = ${article.sourceRepairRequestId}) as source_number`),
  ]);
  const e = extra[0];
  return {
    article,
    products: productRows,
    lines: lineRows,
    authorName: e?.author ?? null,
    publisherName: e?.publisher ?? null,
    divisionZh: e?.division_zh ?? null,
    divisionEn: e?.division_en ?? null,
    sourceRequestNumber: e?.source_number ?? null,
  };
}

/** Published articles for a request's product (itself or its line), newest first: linked from the request pages. */
export async function articlesForProduct(ctx: Ctx, productId: string, limit = 5) {
  if (!isUuid(productId) || !mayReadKnowledge(ctx.actor)) return [];
  return ctx.db
    .select({ id: k.id, number: k.number, title: k.title })
    .from(k)
    .where(and(eq(k.status, "published"), appliesToProduct(productId)))
    .orderBy(desc(k.publishedAt), desc(k.id))
    .limit(limit);
}

/** Divisions with their product lines, for the filters and the form (readers without product:read too). */
export async function knowledgeFacets(ctx: Ctx) {
  authorizeKnowledgeRead(ctx.actor);
  const [divs, lines] = await Promise.all([
    ctx.db.select({ id: divisions.id, code: divisions.code, nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions).orderBy(asc(divisions.code)),
    ctx.db
      .select({ id: productLines.id, code: productLines.code, nameZh: productLines.nameZh, nameEn: productLines.nameEn, divisionId: productLines.divisionId })
      .from(productLines)
      .orderBy(asc(productLines.code)),
  ]);
  return divs.map((d) => ({ ...d, lines: lines.filter((l) => l.divisionId === d.id) }));
}
