import { fenToYuan } from "@cs/domain/shared/money";

/**
 * The program form posts its tier rows as parallel fields (tierMin/tierRate, onTimeMin/multiplier)
 * and checkbox groups; this shapes them into rebateProgramInput's object, dropping blank rows.
 */
export function programInputFromForm(form: FormData) {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  const rows = <K extends string>(a: string, b: string, ka: K, kb: K) => {
    const left = all(a);
    const right = all(b);
    return left
      .map((x, i) => ({ [ka]: x.trim(), [kb]: (right[i] ?? "").trim() }) as Record<K, string>)
      .filter((r) => r[ka] !== "" || r[kb] !== "");
  };
  return {
    code: text("code"),
    name: text("name"),
    nameEn: text("nameEn"),
    status: text("status"),
    periodStart: text("periodStart"),
    periodEnd: text("periodEnd"),
    basis: text("basis"),
    method: text("method"),
    divisionId: text("divisionId"),
    productLineId: text("productLineId"),
    includeSubtree: text("includeSubtree"),
    eligibleTiers: all("eligibleTiers"),
    eligibleBranchIds: all("eligibleBranchIds"),
    eligiblePartners: text("eligiblePartners"),
    tiers: rows("tierMin", "tierRate", "minCompletion", "rate"),
    multiplierTiers: rows("onTimeMin", "multiplier", "minOnTime", "multiplier"),
    cap: text("cap"),
  };
}

type StoredProgram = {
  code: string;
  name: string;
  nameEn: string | null;
  status: string;
  periodStart: string;
  periodEnd: string;
  basis: string;
  method: string;
  divisionId: string | null;
  productLineId: string | null;
  includeSubtree: boolean;
  eligibleTiers: string[];
  eligibleBranchIds: string[];
  tiers: { minCompletionBp: number; rateBp: number }[];
  multiplierTiers: { minOnTimeBp: number; multiplierBp: number }[] | null;
  capFen: bigint | null;
};

const pct = (bp: number) => (bp / 100).toFixed(2);

/** A frozen program's stored rules in the form's shape, so a name or status change re-submits them unchanged. */
export function programInputFromStored(p: StoredProgram, partnerCodes: string[]) {
  return {
    code: p.code,
    name: p.name,
    nameEn: p.nameEn ?? undefined,
    status: p.status,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    basis: p.basis,
    method: p.method,
    divisionId: p.divisionId ?? undefined,
    productLineId: p.productLineId ?? undefined,
    includeSubtree: p.includeSubtree,
    eligibleTiers: p.eligibleTiers,
    eligibleBranchIds: p.eligibleBranchIds,
    eligiblePartners: partnerCodes.join(" "),
    tiers: p.tiers.map((t) => ({ minCompletion: pct(t.minCompletionBp), rate: pct(t.rateBp) })),
    multiplierTiers: (p.multiplierTiers ?? []).map((m) => ({ minOnTime: pct(m.minOnTimeBp), multiplier: pct(m.multiplierBp) })),
    cap: p.capFen === null ? undefined : fenToYuan(p.capFen),
  };
}
