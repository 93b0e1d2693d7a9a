import { inArray } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db/client";
import { renderProductImageSizes } from "@cs/domain/products/image-sizes";
import { PRODUCT_IMAGE_TYPE } from "@cs/domain/products/image-widths";
import { productImageSizes, productImages } from "@cs/db/schema/product-images";
import { products } from "@cs/db/schema/products";
import { seedUuid } from "./random";

/**
 * Drawings of a few product kinds (SVG, rendered to the stored sizes by the same code as an
 * upload), so the demo catalogue shows pictures without anything fetched from the network. Shapes
 * only: no text, so no font is needed.
 */
const frame = (body: string, tint: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="640" viewBox="0 0 640 640"><rect width="640" height="640" fill="${tint}"/>${body}</svg>`;

const drawings = {
  notebook: frame(
    `<rect x="150" y="150" width="340" height="220" rx="14" fill="#1e293b"/><rect x="170" y="170" width="300" height="180" fill="#38bdf8"/>` +
      `<path d="M100 390h440l-40 70H140z" fill="#334155"/><rect x="270" y="400" width="100" height="14" rx="7" fill="#64748b"/>`,
    "#e0f2fe",
  ),
  monitor: frame(
    `<rect x="110" y="130" width="420" height="270" rx="12" fill="#0f172a"/><rect x="126" y="146" width="388" height="238" fill="#818cf8"/>` +
      `<rect x="300" y="400" width="40" height="70" fill="#334155"/><rect x="220" y="468" width="200" height="22" rx="11" fill="#334155"/>`,
    "#eef2ff",
  ),
  switch: frame(
    `<rect x="90" y="260" width="460" height="120" rx="10" fill="#1f2937"/>` +
      Array.from({ length: 8 }, (_, i) => `<rect x="${130 + i * 48}" y="300" width="34" height="28" rx="3" fill="#10b981"/>`).join("") +
      `<circle cx="500" cy="314" r="8" fill="#fbbf24"/>`,
    "#ecfdf5",
  ),
  accessPoint: frame(
    `<ellipse cx="320" cy="360" rx="190" ry="70" fill="#f8fafc" stroke="#cbd5e1" stroke-width="6"/><circle cx="320" cy="350" r="12" fill="#22c55e"/>` +
      `<path d="M250 250a100 100 0 0 1 140 0M215 215a150 150 0 0 1 210 0" fill="none" stroke="#0ea5e9" stroke-width="16" stroke-linecap="round"/>`,
    "#f0f9ff",
  ),
  cable: frame(
    `<circle cx="320" cy="320" r="170" fill="#2563eb"/><circle cx="320" cy="320" r="70" fill="#eff6ff"/>` +
      `<circle cx="320" cy="320" r="130" fill="none" stroke="#1d4ed8" stroke-width="8"/><path d="M470 400q80 40 60 120" fill="none" stroke="#2563eb" stroke-width="18" stroke-linecap="round"/>`,
    "#eff6ff",
  ),
  server: frame(
    [0, 1, 2].map((i) => `<rect x="120" y="${190 + i * 90}" width="400" height="72" rx="8" fill="#374151"/><circle cx="480" cy="${226 + i * 90}" r="9" fill="#34d399"/>` +
      `<rect x="150" y="${214 + i * 90}" width="220" height="24" rx="4" fill="#4b5563"/>`).join(""),
    "#f3f4f6",
  ),
};

/** Which demo products get which drawing: some on the catalogue's first page, some a search away; the rest keep the placeholder. */
const PICTURED: readonly [sku: string, drawing: keyof typeof drawings][] = [
  ["AP-AC-128", "accessPoint"],
  ["AP-W6-IN", "accessPoint"],
  ["AP-W7-IN", "accessPoint"],
  ["CB-CAT6-305", "cable"],
  ["CB-CAT6A-305", "cable"],
  ["NB-T14-I5-16", "notebook"],
  ["NB-T14-I7-16", "notebook"],
  ["MON-24F-IPS", "monitor"],
  ["MON-27Q-IPS", "monitor"],
  ["SW-A24-GE", "switch"],
  ["SW-A24-POE", "switch"],
  ["SV-R1-1S-32", "server"],
];

export async function seedProductImages(tx: DatabaseOrTransaction) {
  const rendered = new Map(
    await Promise.all(Object.entries(drawings).map(async ([name, svg]) => [name, await renderProductImageSizes(new TextEncoder().encode(svg))] as const)),
  );
  const known = await tx.select({ id: products.id }).from(products).where(inArray(products.id, PICTURED.map(([sku]) => seedUuid(`product:${sku}`))));
  const present = new Set(known.map((p) => p.id));
  const rows = PICTURED.filter(([sku]) => present.has(seedUuid(`product:${sku}`)));
  if (rows.length === 0) return;
  await tx.insert(productImages).values(
    rows.map(([sku, drawing]) => ({
      id: seedUuid(`product-image:${sku}`),
      productId: seedUuid(`product:${sku}`),
      position: 0,
      contentType: PRODUCT_IMAGE_TYPE,
      originalName: `${drawing}.svg`,
      originalBytes: drawings[drawing].length,
    })),
  );
  await tx.insert(productImageSizes).values(rows.flatMap(([sku, drawing]) => rendered.get(drawing)!.map((size) => ({ imageId: seedUuid(`product-image:${sku}`), ...size }))));
}
