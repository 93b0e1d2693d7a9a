import type { Widen } from "../shape";
import type { zhCN } from "./product-images.zh-CN";

export const en: Widen<typeof zhCN> = {
  title: "Product pictures",
  intro: "The first picture shows on the portal's catalogue card. JPEG, PNG or WebP, up to 5 MB each and 6 per product; sizes for phones and desktops are made on upload.",
  upload: "Upload picture",
  file: "Picture file",
  uploaded: "Picture uploaded.",
  removed: "Picture removed.",
  remove: "Remove",
  removeOf: "Remove picture {{position}}",
  first: "Catalogue picture",
  picture: "Picture {{position}}",
  none: "No picture yet",
  empty: "This product has no pictures yet.",
  tooMany: "A product has at most 6 pictures: remove one first",
  view: "Details of {{name}}",
};
