import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db/client";
import { documentSequences } from "@cs/db/schema/audit";
import { businessCalendarDays } from "@cs/db/schema/business-calendar";
import {
  devices,
  repairEvents,
  repairRequests,
  repairStations,
  serviceSettings,
  stationTechnicians,
  warrantyContracts,
  type RepairStatus,
} from "@cs/db/schema/service";
import { priceListItems } from "@cs/db/schema/pricing";
import { products } from "@cs/db/schema/products";
import { complaints, surveys } from "@cs/db/schema/satisfaction";
import { tierBasePrices } from "./pricing";
import type { DemoData } from "./demo";
import { seedUuid } from "./random";
import { SERVICE_TAX } from "./tax";
import { insertChunked } from "./util";

const HOUR = 3_600_000;
const weekdays = [["09:00", "18:00"]];
const OPENING_HOURS = { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [["09:00", "12:00"]], sun: [] };

/** The demo requests: one per interesting state, all for the demo customer (林晓) at RS-001 unless unassigned. */
const REQUESTS: readonly { n: number; status: RepairStatus; assigned: boolean; hoursAgo: number; symptoms: string; rating?: number }[] = [
  { n: 1, status: "submitted", assigned: false, hoursAgo: 3, symptoms: "开机后屏幕无显示，电源灯亮" },
  { n: 2, status: "submitted", assigned: true, hoursAgo: 30, symptoms: "键盘部分按键失灵" },
  { n: 3, status: "diagnosing", assigned: true, hoursAgo: 50, symptoms: "运行大型软件时自动关机，风扇噪音大" },
  { n: 4, status: "closed", assigned: true, hoursAgo: 400, symptoms: "电池鼓包，续航不足一小时", rating: 5 },
];

const PATHS: Record<RepairStatus, RepairStatus[]> = {
  submitted: ["submitted"],
  accepted: ["submitted", "accepted"],
  received: ["submitted", "accepted", "received"],
  diagnosing: ["submitted", "accepted", "received", "diagnosing"],
  awaiting_parts: ["submitted", "accepted", "received", "diagnosing", "awaiting_parts"],
  repairing: ["submitted", "accepted", "received", "diagnosing", "repairing"],
  ready: ["submitted", "accepted", "received", "diagnosing", "repairing", "ready"],
  returned: ["submitted", "accepted", "received", "diagnosing", "repairing", "ready", "returned"],
  closed: ["submitted", "accepted", "received", "diagnosing", "repairing", "ready", "returned", "closed"],
  cancelled: ["submitted", "cancelled"],
};

/**
 * Extended warranties sold through ordering (docs/decisions/006): service products of the line whose
 * devices they cover, no stock, not serialized; inserted apart from the generated catalogue so its
 * seeded randomness (costs, stock, prices) stays as it was.
 */
const EXTENDED_WARRANTIES = [
  { line: "NB", sku: "NB-EW12", nameZh: "笔记本延保服务 1 年", nameEn: "Notebook Extended Warranty 1 Year", listPriceFen: 399_00n, costFen: 120_00n, extendedWarrantyMonths: 12 },
  { line: "NB", sku: "NB-EW24", nameZh: "笔记本延保服务 2 年", nameEn: "Notebook Extended Warranty 2 Years", listPriceFen: 699_00n, costFen: 210_00n, extendedWarrantyMonths: 24 },
].map((p) => ({ ...p, unit: "pcs", serialized: false, warrantyMonths: 0, ...SERVICE_TAX }));

/**
 * Service demo data: a profile for every repair station (its city, skills, capacity, opening
 * hours), the demo station admin and technician on RS-001, the demo customer's device covered by
 * a standard warranty recorded from a sell-out before this system, and a few requests in various
 * states with their timelines. SLA deadlines here are plain hour offsets; the domain computes
 * business-hour ones for everything filed through it.
 */
const publicHolidays = [
  ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: `2026-10-0${d}`, kind: "holiday" as const, nameZh: "国庆节", nameEn: "National Day" })),
  { day: "2027-01-01", kind: "holiday" as const, nameZh: "元旦", nameEn: "New Year's Day" },
];

export async function seedService(db: DatabaseOrTransaction, data: DemoData, now = new Date()) {
  await db.insert(serviceSettings).values({ id: 1, shipmentGraceDays: 90 }).onConflictDoNothing();
  // Only dates certain to be days off; the desk enters each year's State Council schedule (with its make-up workdays).
  await db.insert(businessCalendarDays).values(publicHolidays).onConflictDoNothing();
  const warranties = EXTENDED_WARRANTIES.map(({ line, ...w }) => ({ ...w, id: seedUuid(`product:${w.sku}`), productLineId: seedUuid(`product-line:${line}`) }));
  await db.insert(products).values(warranties).onConflictDoNothing();
  await db.insert(priceListItems).values(tierBasePrices(warranties)).onConflictDoNothing();

  const divisionIds = data.divisions.map((d) => d.id!);
  const stations = data.organizations.filter((o) => o.kind === "repair_station");
  await insertChunked(
    db,
    repairStations,
    stations.map((s, i) => ({
      organizationId: s.id!,
      cities: [s.city!].filter(Boolean),
      // RS-001 repairs everything; the others two or three divisions each
      divisionIds: s.code === "RS-001" ? divisionIds : divisionIds.filter((_, d) => (d + i) % 3 !== 0),
      capacityPerDay: 8 + (i % 5) * 3,
      openingHours: OPENING_HOURS,
    })),
  );
  const rs001 = seedUuid("org:RS-001");
  await db.insert(stationTechnicians).values([
    { stationId: rs001, userId: seedUuid("user:station@demo.cn") },
    { stationId: rs001, userId: seedUuid("user:tech@demo.cn") },
  ]);

  const customer = data.endCustomers[0]!;
  const notebook = data.products.find((p) => p.serialized && (p.warrantyMonths ?? 12) >= 12)!;
  const deviceId = seedUuid("device:demo:1");
  const serial = "5CGDEMO0001";
  const purchasedOn = "2026-03-08";
  await db.insert(devices).values({
    id: deviceId,
    productId: notebook.id!,
    serial,
    endCustomerId: customer.id!,
    purchasedOn,
    status: "verified",
    registeredBy: seedUuid("user:customer@demo.cn"),
  });
  const endsOn = new Date(`${purchasedOn}T00:00:00Z`);
  endsOn.setUTCMonth(endsOn.getUTCMonth() + (notebook.warrantyMonths ?? 12));
  endsOn.setUTCDate(endsOn.getUTCDate() - 1);
  const contractId = seedUuid("warranty:demo:1");
  await db.insert(warrantyContracts).values({
    id: contractId,
    productId: notebook.id!,
    serial,
    kind: "standard",
    startsOn: purchasedOn,
    endsOn: endsOn.toISOString().slice(0, 10),
    source: "sell_out",
    deviceId,
  });

  const year = now.getUTCFullYear();
  const reqRows = REQUESTS.map((r) => {
    const createdAt = new Date(now.getTime() - r.hoursAgo * HOUR);
    const responseDueAt = new Date(createdAt.getTime() + 8 * HOUR);
    const resolutionDueAt = new Date(createdAt.getTime() + 72 * HOUR);
    const open = !["ready", "returned", "closed", "cancelled"].includes(r.status);
    return {
      id: seedUuid(`repair:demo:${r.n}`),
      number: `RMA-${year}-${String(r.n).padStart(6, "0")}`,
      endCustomerId: customer.id!,
      filedBy: seedUuid("user:customer@demo.cn"),
      deviceId,
      productId: notebook.id!,
      serial,
      divisionId: data.productLines.find((l) => l.id === notebook.productLineId)!.divisionId,
      symptoms: r.symptoms,
      serviceMode: "drop_off" as const,
      city: stations.find((s) => s.id === rs001)?.city ?? "北京",
      preferredStationId: rs001,
      stationId: r.assigned ? rs001 : null,
      assignedAt: r.assigned ? new Date(createdAt.getTime() + HOUR) : null,
      warrantyStatus: "in_warranty" as const,
      warrantyReason: "service.warranty.reason.contract",
      warrantyDetails: { startsOn: purchasedOn, endsOn: endsOn.toISOString().slice(0, 10), source: null },
      warrantyContractId: contractId,
      warrantyEndsOn: endsOn.toISOString().slice(0, 10),
      status: r.status,
      responseDueAt,
      resolutionDueAt,
      slaDueAt: r.status === "submitted" ? responseDueAt : open ? resolutionDueAt : null,
      respondedAt: r.status === "submitted" ? null : new Date(createdAt.getTime() + 2 * HOUR),
      resolvedAt: r.status === "closed" ? new Date(createdAt.getTime() + 48 * HOUR) : null,
      diagnosis: r.status === "closed" ? "电池老化鼓包，更换电池" : null,
      closedAt: r.status === "closed" ? new Date(createdAt.getTime() + 72 * HOUR) : null,
      createdAt,
      updatedAt: createdAt,
    };
  });
  await insertChunked(db, repairRequests, reqRows);
  await insertChunked(
    db,
    repairEvents,
    reqRows.flatMap((r) =>
      PATHS[r.status].map((to, i, path) => ({
        requestId: r.id,
        action: i === 0 ? "filed" : to,
        fromStatus: i === 0 ? null : path[i - 1]!,
        toStatus: to,
        actorId: i === 0 || to === "closed" ? seedUuid("user:customer@demo.cn") : seedUuid("user:tech@demo.cn"),
        createdAt: new Date(r.createdAt.getTime() + i * HOUR),
      })),
    ),
  );
  // a closed request's rating is the answer to its survey (docs/decisions/038)
  await insertChunked(
    db,
    surveys,
    REQUESTS.filter((r) => r.status === "closed").map((r) => {
      const row = reqRows.find((q) => q.id === seedUuid(`repair:demo:${r.n}`))!;
      const closedAt = row.closedAt!;
      return {
        kind: "repair" as const,
        subjectId: row.id,
        endCustomerId: row.endCustomerId,
        repairRequestId: row.id,
        respondentUserId: seedUuid("user:customer@demo.cn"),
        expiresAt: new Date(closedAt.getTime() + 14 * 24 * HOUR),
        score: r.rating ?? null,
        comment: r.rating ? "速度很快，服务专业" : null,
        answeredAt: r.rating ? new Date(row.createdAt.getTime() + 80 * HOUR) : null,
        answeredBy: r.rating ? seedUuid("user:customer@demo.cn") : null,
        stationId: row.stationId,
        productLineId: notebook.productLineId,
        divisionId: row.divisionId,
        createdAt: closedAt,
      };
    }),
  );
  // one open complaint (投诉) of DL-0001 about the closed repair, due in a day (docs/decisions/038)
  const dl1 = data.organizations.find((o) => o.id === seedUuid("org:DL-0001"))!;
  await db.insert(complaints).values({
    id: seedUuid("complaint:demo:1"),
    number: `TS-${year}-000001`,
    organizationId: dl1.id!,
    branchId: dl1.ownerBranchId ?? null,
    category: "repair_service",
    severity: "normal",
    subject: "维修后电池续航仍然偏短",
    description: "更换电池后续航约三小时，与新机相差较大，希望复检。",
    dueAt: new Date(now.getTime() + 24 * HOUR),
    filedBy: seedUuid("user:dealer@demo.cn"),
    createdAt: new Date(now.getTime() - 2 * HOUR),
    updatedAt: new Date(now.getTime() - 2 * HOUR),
  });
  await db.insert(documentSequences).values({ prefix: "TS", year, lastValue: 1 }).onConflictDoNothing();
  await db
    .insert(documentSequences)
    .values({ prefix: "RMA", year, lastValue: REQUESTS.length })
    .onConflictDoUpdate({ target: [documentSequences.prefix, documentSequences.year], set: { lastValue: sql`greatest(${documentSequences.lastValue}, ${REQUESTS.length})` } });
}
