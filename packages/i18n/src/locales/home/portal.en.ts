import type { Widen } from "../shape";
import type { zhCN } from "./portal.zh-CN";

export const en: Widen<typeof zhCN> = {
  today: "Needs you today",
  nothingToday: "Nothing waits for you today.",
  credit: {
    title: "Credit",
    limit: "Credit limit",
    used: "Used",
    available: "Available",
    usedHint: "Open invoices {{receivables}} + unshipped orders {{orders}}",
    onHold: "Credit is on hold: new orders will wait for finance to approve them.",
  },
  invoices: {
    title: "Invoices to pay",
    overdue_one: "{{count}} overdue",
    overdue_other: "{{count}} overdue",
    dueSoon_one: "{{count}} due within {{days}} days",
    dueSoon_other: "{{count}} due within {{days}} days",
    none: "No invoice is overdue or due soon.",
  },
  orders: {
    title: "Orders in progress",
    none: "No order is in progress.",
    recent: "Recent orders",
    all: "All orders",
  },
  supplied: {
    title: "Sub-tree orders waiting for you",
    backorders: "To confirm",
    to_ship: "To ship",
  },
  cart: {
    title: "Cart",
    lines: "{{lines}} products, {{units}} units",
    empty: "Your cart is empty.",
    open: "Check out",
    quickOrder: "Quick order",
    templates: "Order templates",
  },
  rebate: {
    title: "Rebate balance",
    hint: "Can be deducted at checkout",
    next: "Buy {{amount}} more to reach a {{rate}} rebate",
    progress: "Progress to the next rebate tier",
    program: "{{name}}: {{completion}} of target done, next tier at {{threshold}} · until {{end}}",
  },
  repairs: {
    title: "Repair requests",
    open: "Open",
    breached: "Past their SLA",
    none: "No repair request is open.",
    queue: "Open the work queue",
    file: "Request a repair",
    claimsToFile: "Repaired in warranty, claim not filed",
    partsLow: "Spare parts below their minimum",
  },
  promotions: {
    title: "Promotions now",
    until: "until {{date}}",
    off: "{{percent}} off",
    price: "promotion price {{price}}",
    browse: "Browse the catalogue",
  },
  customer: {
    devices: "My devices",
    noDevices: "No device registered yet.",
    register: "Register a device",
    warrantyUntil: "Warranty until {{date}}",
    requests: "My repair requests",
  },
};
