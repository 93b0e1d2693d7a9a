import { describe, expect, it } from "vitest";
import { activeNavItem, ariaCurrentFor, navState, type NavItem } from "./nav";

// The back-office's shape: a home link, groups of one and of several entries, entries that own other paths.
const nav: NavItem[] = [
  { to: "/", label: "首页", end: true },
  { to: "/organizations", label: "客户档案", group: "客户" },
  { to: "/my-day", label: "我的今日", group: "客户" },
  { to: "/orders", label: "订单处理", group: "销售与订单" },
  { to: "/returns", label: "退货", group: "销售与订单" },
  { to: "/finance/invoices", label: "财务", group: "财务", match: ["/finance"] },
  { to: "/service/requests", label: "报修", group: "售后服务", match: ["/service/settlements"] },
  { to: "/service/stations", label: "维修网络", group: "售后服务" },
  { to: "/service", label: "售后总览", group: "售后服务" },
];

describe("navState", () => {
  it("makes one header section per group, in the order of its first entry, linking to that entry", () => {
    const { sections } = navState(nav, "/");
    expect(sections.map((s) => [s.label, s.to, s.items.length])).toEqual([
      ["首页", "/", 1],
      ["客户", "/organizations", 2],
      ["销售与订单", "/orders", 2],
      ["财务", "/finance/invoices", 1],
      ["售后服务", "/service/requests", 3],
    ]);
  });

  it.each([
    ["/", "首页", "首页", []],
    ["/orders", "销售与订单", "订单处理", ["订单处理", "退货"]],
    ["/orders/queue/pending_approval", "销售与订单", "订单处理", ["订单处理", "退货"]],
    ["/returns/", "销售与订单", "退货", ["订单处理", "退货"]],
    ["/my-day", "客户", "我的今日", ["客户档案", "我的今日"]],
    ["/finance/payments", "财务", "财务", []],
    ["/service/settlements/7", "售后服务", "报修", ["报修", "维修网络", "售后总览"]],
    ["/service/stations/3", "售后服务", "维修网络", ["报修", "维修网络", "售后总览"]],
    ["/service/calendar", "售后服务", "售后总览", ["报修", "维修网络", "售后总览"]],
  ])("at %s the current group is %s, the active entry %s, and the bar lists %j", (path, group, entry, bar) => {
    const state = navState(nav, path);
    expect(state.current?.label).toBe(group);
    expect(state.activeItem?.label).toBe(entry);
    expect(state.subNav.map((i) => i.label)).toEqual(bar);
    expect(state.sections.filter((s) => s.active).map((s) => s.label)).toEqual([group]);
  });

  it.each(["/notifications", "/account", "/ordersx", "/organization", "/financial"])("marks nothing at %s", (path) => {
    const state = navState(nav, path);
    expect(state.current).toBeUndefined();
    expect(state.activeItem).toBeUndefined();
    expect(state.subNav).toEqual([]);
    expect(state.sections.some((s) => s.active)).toBe(false);
  });

  it("does not share section objects between calls (each render gets its own active flags)", () => {
    navState(nav, "/orders");
    expect(navState(nav, "/returns").sections.filter((s) => s.active).map((s) => s.label)).toEqual(["销售与订单"]);
  });
});

describe("activeNavItem", () => {
  it("prefers the longer prefix whichever entry comes first", () => {
    const items: NavItem[] = [
      { to: "/stock", label: "库存" },
      { to: "/stock/moves", label: "流水" },
    ];
    expect(activeNavItem(items, "/stock/moves/1")?.label).toBe("流水");
    expect(activeNavItem([...items].reverse(), "/stock/moves/1")?.label).toBe("流水");
    expect(activeNavItem(items, "/stock/low")?.label).toBe("库存");
  });

  it("matches an `end` entry only on its own path", () => {
    expect(activeNavItem([{ to: "/rebates", label: "返利", end: true }], "/rebates/ledger")).toBeUndefined();
    expect(activeNavItem([{ to: "/rebates", label: "返利", end: true }], "/rebates")?.label).toBe("返利");
  });
});

describe("ariaCurrentFor", () => {
  it("says page on the entry's own page, true below it, nothing when not active", () => {
    expect(ariaCurrentFor("/orders", "/orders", true)).toBe("page");
    expect(ariaCurrentFor("/orders", "/orders/", true)).toBe("page");
    expect(ariaCurrentFor("/orders", "/orders/42", true)).toBe("true");
    expect(ariaCurrentFor("/orders", "/returns", false)).toBeUndefined();
  });
});
