import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { customerInvitations, emailOutbox, endCustomers, organizations, repairRequests, users, type DatabaseOrTransaction, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { serviceScope } from "../access/scopes";
import { recordAudit } from "../shared/audit";
import type { Ctx } from "../shared/context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { maskLogin } from "./login-code";

export const INVITATION_TTL_DAYS = 7;
const INVITE_AGAIN_AFTER_MINUTES = 10;
const INVITATIONS_PER_DAY = 3;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A token as the link carries it: 32 random bytes in base64url; anything else is refused unread. */
export const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const inviteInput = z.object({ requestId: z.string().refine(isUuid, { error: "validation.invalid" }) });

/**
 * A dealer invites the end customer of a repair request it filed: a single-use link by SMS to the
 * customer's mobile lets them register already linked (the link proves they hold the number). Refused
 * when the customer already has an account; limited per customer so a dealer cannot spam a number.
 */
export async function inviteCustomer(ctx: Ctx, raw: unknown): Promise<{ sent: boolean }> {
  authorize(ctx.actor, "own_service:file");
  const orgId = ctx.actor.organizationId;
  if (ctx.actor.kind !== "partner" || !orgId) throw new ForbiddenError("customer:invite");
  const { requestId } = parseInput(inviteInput, raw);
  return ctx.db.transaction(async (tx) =>
    // a double submit replays the first answer instead of tripping the resend limit
    (await once(tx, ctx.actor, keyOf(raw), { invite: requestId }, () => invite(tx, ctx, requestId, orgId))).result,
  );
}

async function invite(tx: Transaction, ctx: Ctx, requestId: string, orgId: string) {
  const [req] = await tx
    .select({ endCustomerId: repairRequests.endCustomerId, mobile: endCustomers.mobile, dealer: organizations.name })
    .from(repairRequests)
    .innerJoin(endCustomers, eq(endCustomers.id, repairRequests.endCustomerId))
    .innerJoin(organizations, eq(organizations.id, repairRequests.organizationId))
    .where(and(eq(repairRequests.id, requestId), eq(repairRequests.organizationId, orgId), serviceScope(ctx.actor)))
    .for("update", { of: endCustomers });
  if (!req) throw new NotFoundError("repair_request");
  if (!req.mobile) throw new ValidationError({ form: ["invite.noMobile"] });
  const [holder] = await tx.select({ id: users.id }).from(users).where(eq(users.endCustomerId, req.endCustomerId));
  if (holder) throw new ConflictError("invite.alreadyRegistered");
  const [recent] = await tx
    .select({
      n: count(),
      tooSoon: sql<boolean>`coalesce(bool_or(${customerInvitations.createdAt} > now() - ${INVITE_AGAIN_AFTER_MINUTES} * interval '1 minute'), false)`,
    })
    .from(customerInvitations)
    .where(and(eq(customerInvitations.endCustomerId, req.endCustomerId), gt(customerInvitations.createdAt, sql`now() - interval '1 day'`)));
  if (recent?.tooSoon) throw new ValidationError({ form: ["invite.tooSoon"] });
  if ((recent?.n ?? 0) >= INVITATIONS_PER_DAY) throw new ValidationError({ form: ["invite.tooMany"] });
  // one live link per customer: a new invitation ends the earlier ones
  await tx
    .update(customerInvitations)
    .set({ expiresAt: sql`least(${customerInvitations.expiresAt}, now())` })
    .where(and(eq(customerInvitations.endCustomerId, req.endCustomerId), isNull(customerInvitations.consumedAt)));
  const token = randomBytes(32).toString("base64url");
  const [invitation] = await tx
    .insert(customerInvitations)
    .values({
      endCustomerId: req.endCustomerId,
      target: req.mobile,
      tokenHash: hashToken(token),
      invitedBy: ctx.actor.userId,
      expiresAt: sql`now() + ${INVITATION_TTL_DAYS} * interval '1 day'`,
    })
    .returning({ id: customerInvitations.id });
  await tx.insert(emailOutbox).values({
    channel: "sms",
    toAddress: req.mobile,
    template: "invite.customer",
    // the worker turns the token into the link and drops it from the row once sent
    params: { token, dealer: req.dealer, days: INVITATION_TTL_DAYS, entityType: "invite", entityId: invitation!.id },
  });
  await recordAudit(tx, ctx.actor, {
    action: "end_customer.invite",
    entity: "end_customer",
    entityId: req.endCustomerId,
    after: { invitationId: invitation!.id, requestId, to: maskLogin(req.mobile) },
  });
  return { sent: true };
}

const liveInvitation = (tokenHash: string) =>
  and(eq(customerInvitations.tokenHash, tokenHash), isNull(customerInvitations.consumedAt), gt(customerInvitations.expiresAt, sql`now()`));

/** What the registration page shows for an invitation link: whose, to which number; null when not usable. */
export async function invitationPreview(db: DatabaseOrTransaction, token: string) {
  if (!invitationToken.safeParse(token).success) return null;
  const [row] = await db
    .select({ target: customerInvitations.target, name: endCustomers.name, holder: users.id })
    .from(customerInvitations)
    .innerJoin(endCustomers, eq(endCustomers.id, customerInvitations.endCustomerId))
    .leftJoin(users, eq(users.endCustomerId, endCustomers.id))
    .where(liveInvitation(hashToken(token)));
  if (!row || row.holder) return null;
  return { masked: maskLogin(row.target), name: row.name };
}

/**
 * Spends an invitation inside a registration's transaction: the login must be the number the link
 * went to, and the customer must still have no account. Returns the end customer to link.
 */
export async function redeemInvitation(tx: Transaction, token: string, login: string, userId: string) {
  const refused = () => new ValidationError({ form: ["invite.invalid"] });
  if (!invitationToken.safeParse(token).success) throw refused();
  const [invitation] = await tx.select().from(customerInvitations).where(liveInvitation(hashToken(token))).for("update");
  if (!invitation) throw refused();
  if (invitation.target !== login) throw new ValidationError({ login: ["invite.loginMismatch"] });
  const [holder] = await tx.select({ id: users.id }).from(users).where(and(eq(users.endCustomerId, invitation.endCustomerId), sql`${users.id} <> ${userId}`));
  if (holder) throw refused();
  await tx.update(customerInvitations).set({ consumedAt: sql`now()`, consumedBy: userId }).where(eq(customerInvitations.id, invitation.id));
  return { endCustomerId: invitation.endCustomerId, invitationId: invitation.id };
}
