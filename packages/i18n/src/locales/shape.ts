import type { zhCN } from "./zh-CN";

export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** Every locale has exactly zh-CN's keys: a missing or extra key is a type error. */
export type Resource = Widen<typeof zhCN>;
