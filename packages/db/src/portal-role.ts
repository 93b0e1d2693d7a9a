import postgres from "postgres";
import { StartupCheckError } from "./startup-checks";

/**
 * The role the portal connects as (docs/decisions/019): created NOLOGIN by drizzle/0016, given LOGIN
 * and a password here. Its rows are limited by row-level security, and it can leave them neither by
 * `RESET ROLE` (it is the session user) nor by `SET ROLE` (it is a member of no role).
 */
export const PORTAL_ROLE = "cs_portal";

/** The owner's URL with the portal role and its password instead of the owner's credentials. */
export function portalUrlFrom(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = PORTAL_ROLE;
  url.password = password;
  return url.toString();
}

/** What makes a role unfit to be the portal's: each would let it see or reach past the policies. */
export async function portalRoleProblems(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [role] = await sql<{ name: string; superuser: boolean; bypassrls: boolean; createrole: boolean; member_of: string[]; owns: number }[]>`
      select r.rolname as name, r.rolsuper as superuser, r.rolbypassrls as bypassrls, r.rolcreaterole as createrole,
             array(select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid where m.member = r.oid) as member_of,
             (select count(*)::int from pg_class c where c.relowner = r.oid and c.relnamespace = 'public'::regnamespace) as owns
        from pg_roles r where r.rolname = current_user`;
    if (!role) return ["the role does not exist"];
    const problems: string[] = [];
    if (role.name !== PORTAL_ROLE) problems.push(`it connects as ${role.name}, not ${PORTAL_ROLE} (the policies name ${PORTAL_ROLE})`);
    if (role.superuser) problems.push("it is a superuser");
    if (role.bypassrls) problems.push("it has BYPASSRLS");
    if (role.createrole) problems.push("it has CREATEROLE");
    if (role.member_of.length > 0) problems.push(`it is a member of ${role.member_of.join(", ")} (SET ROLE would leave the policies)`);
    if (role.owns > 0) problems.push("it owns tables");
    return problems;
  } finally {
    await sql.end();
  }
}

const passwordPattern = /^[A-Za-z0-9_-]{16,}$/;

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await sql`select 1`;
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // 28P01 wrong password, 28000 no login or no pg_hba entry: the role is not set up (yet)
    if (code === "28P01" || code === "28000") return false;
    throw error;
  } finally {
    await sql.end();
  }
}

/**
 * The URL the portal connects with. `portalUrl` (PORTAL_DATABASE_URL) when the operator gives one;
 * else the owner's URL with the portal role and `password`, giving the role LOGIN and that password
 * when it cannot sign in yet (which needs a superuser or CREATEROLE owner, as the embedded server's
 * is). Either way the role is checked: the portal must never connect as a role that can see past
 * the policies.
 */
export async function preparePortalRole(options: { ownerUrl: string; portalUrl?: string; password: string }): Promise<string> {
  let url = options.portalUrl;
  if (!url) {
    if (!passwordPattern.test(options.password)) throw new StartupCheckError("PORTAL_DATABASE_PASSWORD must be at least 16 letters, digits, - or _.");
    url = portalUrlFrom(options.ownerUrl, options.password);
    if (!(await canConnect(url))) await grantLogin(options.ownerUrl, options.password);
  }
  const problems = await portalRoleProblems(url);
  if (problems.length > 0) throw new StartupCheckError(`The portal's database role is unsafe: ${problems.join("; ")}.`);
  return url;
}

async function grantLogin(ownerUrl: string, password: string) {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    // the password is checked against passwordPattern above, so it needs no quoting beyond the literal's
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(`alter role ${PORTAL_ROLE} with login password '${password}'`);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        // another process setting the same password at the same moment
        if (code === "XX000" && attempt < 3) continue;
        if (code === "42501")
          throw new StartupCheckError(
            `The database user of DATABASE_URL may not give ${PORTAL_ROLE} a password. As a superuser run ` +
              `ALTER ROLE ${PORTAL_ROLE} WITH LOGIN PASSWORD '…', then set PORTAL_DATABASE_PASSWORD to it, or PORTAL_DATABASE_URL to the portal's URL.`,
          );
        throw error;
      }
    }
  } finally {
    await sql.end();
  }
}
