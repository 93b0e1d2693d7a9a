import type { Widen } from "../shape";
import type { zhCN } from "./calendar.zh-CN";

export const en: Widen<typeof zhCN> = {
  nav: "SLA calendar",
  title: "Service-level calendar",
  intro: "SLA clocks run Monday to Friday, 09:00–18:00 Beijing time. Public holidays entered here stop the clock; make-up workdays on a weekend count like weekdays.",
  help: "The General Office of the State Council publishes the next year's holiday schedule each year; the service desk enters it here day by day: days off as \"Holiday\", weekend days worked in exchange as \"Make-up workday\". Changes apply to requests filed afterwards and to later priority changes; existing deadlines stay as they are.",
  year: "{{year}}",
  prevYear: "Previous year",
  nextYear: "Next year",
  empty: "No holidays or make-up workdays entered for {{year}} yet.",
  columns: { day: "Date", weekday: "Weekday", kind: "Kind", name: "Name" },
  kinds: { holiday: "Holiday", workday: "Make-up workday" },
  fields: { day: "Date", kind: "Kind", nameZh: "Chinese name", nameEn: "English name", nameZhPlaceholder: "例如 国庆节", nameEnPlaceholder: "e.g. National Day" },
  add: "Add date",
  addTitle: "Add a holiday or make-up workday",
  remove: "Remove",
  added: "{{day}} added",
  removed: "{{day}} removed",
  counts: "{{holidays}} holidays · {{workdays}} make-up workdays",
  validation: {
    badDate: "Enter a valid date (year-month-day)",
    badKind: "Choose holiday or make-up workday",
    duplicate: "This date is already in the calendar; remove it first to change it",
  },
};
