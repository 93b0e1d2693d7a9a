/** Stock pages; keys are added by whoever builds those pages. */
export const zhCN = {
  title: "库存",
} as const;
