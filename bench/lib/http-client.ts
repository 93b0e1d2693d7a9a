/**
 * One signed-in browser, minus the browser: a cookie jar, the CSRF double-submit token read from the
 * page's hidden `_csrf` input, and the Origin header a browser would send. fetch keeps connections alive.
 */
export class PortalClient {
  private readonly cookies = new Map<string, string>();
  csrf = "";

  constructor(readonly base: string) {}

  /** The Cookie header this client sends (a browser driven elsewhere can reuse the session). */
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** GET; reads the CSRF token when the page renders one. */
  async get(path: string): Promise<{ status: number; body: string; location: string | null }> {
    const response = await fetch(this.base + path, { headers: { Cookie: this.cookieHeader() }, redirect: "manual" });
    this.keep(response);
    const body = await response.text();
    const token = /<input[^>]*name="_csrf"[^>]*value="([^"]*)"/.exec(body) ?? /<input[^>]*value="([^"]*)"[^>]*name="_csrf"/.exec(body);
    if (token?.[1]) this.csrf = token[1];
    return { status: response.status, body, location: response.headers.get("location") };
  }

  /** A form POST as the browser sends it: urlencoded, with `_csrf`, the cookies and our own Origin. */
  async post(path: string, fields: [string, string][]): Promise<{ status: number; body: string; location: string | null }> {
    const form = new URLSearchParams([["_csrf", this.csrf], ...fields]);
    const response = await fetch(this.base + path, {
      method: "POST",
      headers: { Cookie: this.cookieHeader(), Origin: this.base, "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
      redirect: "manual",
    });
    this.keep(response);
    return { status: response.status, body: await response.text(), location: response.headers.get("location") };
  }

  /** Signs in through the real form (argon2 and all) and proves the session opens a signed-in page. */
  async signIn(login: string, password: string) {
    await this.get("/login");
    if (!this.csrf) throw new Error("the sign-in page rendered no _csrf token");
    const r = await this.post("/login", [["login", login], ["password", password], ["redirectTo", "/account"]]);
    if (r.status !== 302 || r.location !== "/account")
      throw new Error(`sign-in of ${login} failed: ${r.status} ${r.location ?? /(auth\.\w+|errors\.\w+)/.exec(r.body)?.[1] ?? r.body.slice(0, 200)}`);
    const account = await this.get("/account");
    if (account.status !== 200) throw new Error(`signed-in page for ${login}: ${account.status} ${account.location ?? ""}`);
  }
}
