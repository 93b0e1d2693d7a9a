import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../shared/errors";
import { buildActor, type Actor } from "./actor";
import { authorize, can } from "./authorize";
import { permissions, roles, stockApprovalLimit, type Permission } from "./permissions";
import { canUseBranch, organizationScope } from "./scopes";

const BJ = "00000000-0000-5000-8000-0000000000b1";
const SH = "00000000-0000-5000-8000-0000000000b2";

function actor(kind: Actor["kind"], roleNames: string[], branchIds: string[] = [], organizationId: string | null = null) {
  return buildActor({
    userId: "00000000-0000-5000-8000-000000000001",
    kind,
    displayName: "测试",
    organizationId,
    endCustomerId: null,
    roles: roleNames,
    branchIds,
    divisionIds: [],
  });
}

describe("buildActor", () => {
  it.each([
    ["a partner with admin", "partner", ["admin"]],
    ["a partner with sales and finance", "partner", ["sales", "finance"]],
    ["a customer with admin", "customer", ["admin"]],
    ["staff with partner_admin", "staff", ["partner_admin"]],
    ["staff with customer", "staff", ["customer"]],
    ["staff with an unknown role", "staff", ["superuser", "__proto__", "toString"]],
  ] as const)("grants nothing to %s", (_what, kind, roleNames) => {
    const a = actor(kind, [...roleNames], [BJ]);
    expect(a.roles).toEqual([]);
    expect([...a.permissions]).toEqual([]);
    expect(a.branchIds).toEqual([BJ]);
  });

  it("keeps only the roles of the user's audience", () => {
    const a = actor("partner", ["admin", "partner_buyer"]);
    expect(a.roles).toEqual(["partner_buyer"]);
    expect([...a.permissions].sort()).toEqual([...roles.partner_buyer.permissions].sort());
    expect(can(a, "organization:read")).toBe(false);
  });

  it("gives an admin every permission and all branches and divisions", () => {
    const a = actor("staff", ["admin"], [BJ]);
    expect(a.branchIds).toBe("all");
    expect(a.divisionIds).toBe("all");
    expect([...a.permissions].sort()).toEqual([...permissions].sort());
  });

  it.each(["management", "finance", "service_desk", "marketing"])("gives %s all branches", (role) => {
    expect(actor("staff", [role], [BJ]).branchIds).toBe("all");
  });

  it.each(["management", "finance", "service_desk", "marketing", "sales"])("keeps the divisions user_divisions limits %s to", (role) => {
    const a = buildActor({ ...baseInput, roles: [role], branchIds: [BJ], divisionIds: [SH] });
    expect(a.divisionIds).toEqual([SH]);
  });

  it("gives an administrator all divisions even with division rows", () => {
    expect(buildActor({ ...baseInput, roles: ["admin"], divisionIds: [SH] }).divisionIds).toBe("all");
  });

  it.each(["sales", "order_desk", "warehouse"])("keeps the branch list of %s", (role) => {
    const a = actor("staff", [role], [BJ, SH]);
    expect(a.branchIds).toEqual([BJ, SH]);
    expect(a.divisionIds).toEqual([]);
  });

  it("unions the permissions of several roles", () => {
    const a = actor("staff", ["order_desk", "sales"], [BJ]);
    expect(a.branchIds).toEqual([BJ]);
    expect(can(a, "organization:create")).toBe(true);
    expect(can(a, "organization:read")).toBe(true);
    expect(can(a, "own_organization:update")).toBe(false);
  });

  it("does not give partners all branches even with an all-scope role name", () => {
    expect(actor("partner", ["admin", "partner_admin"]).branchIds).toEqual([]);
  });

  it("keeps a branch-limited user's branches when Object.prototype was polluted", () => {
    const proto = Object.prototype as Record<string, unknown>;
    try {
      // What the nested form parser once let `__proto__.allScopes=1` do to the whole process.
      proto.allScopes = true;
      proto.stockApprovalLimitFen = 10n ** 12n;
      const a = actor("staff", ["sales"], [BJ]);
      expect(a.branchIds).toEqual([BJ]);
      expect(a.divisionIds).toEqual([]);
      expect(stockApprovalLimit(["warehouse"], false)).toBe(roles.warehouse.stockApprovalLimitFen);
      expect(stockApprovalLimit(["sales"], false)).toBe(0n);
    } finally {
      delete proto.allScopes;
      delete proto.stockApprovalLimitFen;
    }
  });

  it("keeps the ip, null when absent", () => {
    expect(actor("staff", ["sales"]).ip).toBeNull();
    expect(buildActor({ ...baseInput, ip: "10.0.0.1" }).ip).toBe("10.0.0.1");
  });
});

const baseInput = {
  userId: "u",
  kind: "staff" as const,
  displayName: "x",
  organizationId: null,
  endCustomerId: null,
  roles: ["sales"],
  branchIds: [],
  divisionIds: [],
};

describe("can / authorize", () => {
  const table: [string, Actor, Permission, boolean][] = [
    ["sales creates organizations", actor("staff", ["sales"], [BJ]), "organization:create", true],
    ["order desk cannot create organizations", actor("staff", ["order_desk"], [BJ]), "organization:create", false],
    ["finance updates organizations", actor("staff", ["finance"]), "organization:update", true],
    ["finance cannot move organizations", actor("staff", ["finance"]), "organization:move", false],
    ["management reads the audit trail", actor("staff", ["management"]), "audit:read", true],
    ["management cannot update", actor("staff", ["management"]), "organization:update", false],
    ["partner admin updates its own company", actor("partner", ["partner_admin"]), "own_organization:update", true],
    ["partner admin manages contacts", actor("partner", ["partner_admin"]), "contact:manage", true],
    ["partner buyer cannot manage contacts", actor("partner", ["partner_buyer"]), "contact:manage", false],
    ["partner viewer cannot read products", actor("partner", ["partner_viewer"]), "product:read", false],
    ["customer updates the profile", actor("customer", ["customer"]), "profile:update", true],
    ["customer cannot read organizations", actor("customer", ["customer"]), "organization:read", false],
  ];

  it.each(table)("%s", (_what, a, permission, allowed) => {
    expect(can(a, permission)).toBe(allowed);
    if (allowed) expect(() => authorize(a, permission)).not.toThrow();
    else expect(() => authorize(a, permission)).toThrow(ForbiddenError);
  });

  it("throws a ForbiddenError naming the permission", () => {
    const error = (() => {
      try {
        authorize(actor("partner", ["partner_buyer"]), "organization:update");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ code: "errors.forbidden", name: "ForbiddenError" });
    expect((error as Error).message).toContain("organization:update");
  });
});

describe("canUseBranch", () => {
  it.each([
    ["sales in its own branch", actor("staff", ["sales"], [BJ]), BJ, true],
    ["sales in another branch", actor("staff", ["sales"], [BJ]), SH, false],
    ["sales in one of two branches", actor("staff", ["order_desk"], [BJ, SH]), SH, true],
    ["sales without a branch id", actor("staff", ["sales"], [BJ]), undefined, false],
    ["sales with a null branch id", actor("staff", ["sales"], [BJ]), null, false],
    ["staff without branches", actor("staff", ["sales"], []), BJ, false],
    ["admin anywhere", actor("staff", ["admin"]), SH, true],
    ["admin without a branch id", actor("staff", ["admin"]), undefined, true],
    ["a partner, even listing the branch", actor("partner", ["partner_admin"], [BJ]), BJ, false],
    ["a partner with admin", actor("partner", ["admin"]), BJ, false],
    ["a customer", actor("customer", ["customer"], [BJ]), BJ, false],
  ] as const)("%s → %s", (_what, a, branch, allowed) => {
    expect(canUseBranch(a, branch)).toBe(allowed);
  });
});

describe("organizationScope", () => {
  const dialect = new PgDialect({ casing: "snake_case" });
  const render = (a: Actor) => dialect.sqlToQuery(organizationScope(a));
  const ORG = "00000000-0000-5000-8000-0000000000d1";

  it.each([
    ["a customer", actor("customer", ["customer"])],
    ["staff without organization:read", actor("staff", ["customer"], [BJ])],
    ["a partner without an organization", actor("partner", ["partner_admin"])],
    ["a partner with no role", actor("partner", [], [], ORG)],
  ])("sees nothing as %s", (_what, a) => {
    expect(render(a).sql).toBe("false");
  });

  it("sees everything as admin", () => {
    expect(render(actor("staff", ["admin"])).sql).toBe("true");
  });

  it("limits sales to its branches, plus what is shared with it", () => {
    const a = actor("staff", ["sales"], [BJ, SH]);
    const q = render(a);
    expect(q.sql).toContain('"owner_branch_id" in');
    expect(q.sql).toContain("record_shares");
    expect(q.params.slice(0, 2)).toEqual([BJ, SH]);
    expect(q.params).toContain(a.userId);
  });

  it("shows sales without branches only what is shared with it", () => {
    const q = render(actor("staff", ["sales"], []));
    expect(q.sql).toMatch(/^exists \(select 1 from record_shares rs/);
    expect(q.sql).not.toContain("owner_branch_id");
  });

  it("limits a partner to its own organization", () => {
    const q = render(actor("partner", ["partner_viewer"], [BJ], ORG));
    expect(q.sql).toContain('"id" =');
    expect(q.params).toEqual([ORG]);
  });
});

describe("stockApprovalLimit", () => {
  it.each([
    [["warehouse"] as const, false, 500_000n],
    [["warehouse", "sales"] as const, false, 500_000n],
    [["sales"] as const, false, 0n],
    [["warehouse"] as const, true, null],
  ])("roles %j with stock:approve=%s may post up to %s fen unapproved", (actorRoles, canApprove, expected) => {
    expect(stockApprovalLimit(actorRoles, canApprove)).toBe(expected);
  });
});
