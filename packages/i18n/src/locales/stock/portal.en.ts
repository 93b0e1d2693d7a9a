import type { Widen } from "../shape";
import type { zhCN } from "./portal.zh-CN";

export const en: Widen<typeof zhCN> = {
  title: "My stock",
};
