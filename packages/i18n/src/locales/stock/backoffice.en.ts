import type { Widen } from "../shape";
import type { zhCN } from "./backoffice.zh-CN";

export const en: Widen<typeof zhCN> = {
  title: "Stock",
};
