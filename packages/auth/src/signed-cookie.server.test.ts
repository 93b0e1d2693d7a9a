import { createCookie } from "react-router";
import { describe, expect, it } from "vitest";
import { cookieValue, createSignedCookie } from "./signed-cookie.server";

const secret = "a-test-secret-of-at-least-32-characters!";
const options = { secrets: [secret], httpOnly: true, sameSite: "lax" as const, path: "/" };

describe("createSignedCookie", () => {
  it.each([["3f9a1c0b7e"], ["令牌-ü-✓"], [{ nested: [1, "二"] }]])("reads what React Router's cookie wrote: %j", async (value) => {
    const header = await createCookie("cs_test", options).serialize(value);
    const pair = header.split(";")[0]!;
    expect(await createSignedCookie("cs_test", options).parse(`other=1; ${pair}; last=2`)).toEqual(value);
  });

  it("writes what React Router's cookie reads", async () => {
    const header = await createSignedCookie("cs_test", options).serialize("abc");
    expect(await createCookie("cs_test", options).parse(header.split(";")[0]!)).toBe("abc");
  });

  it("refuses a tampered value, a tampered signature, another secret and an unsigned value", async () => {
    const ours = createSignedCookie("cs_test", options);
    const pair = (await createCookie("cs_test", options).serialize("token")).split(";")[0]!;
    const [name, signed] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
    const dot = signed.lastIndexOf(".");
    const value = signed.slice(0, dot);
    const signature = signed.slice(dot + 1);
    const flipped = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    expect(await ours.parse(`${name}=${flipped(value)}.${signature}`)).toBeNull();
    expect(await ours.parse(`${name}=${value}.${flipped(signature)}`)).toBeNull();
    expect(await ours.parse(`${name}=${value}`)).toBeNull();
    const foreign = (await createCookie("cs_test", { ...options, secrets: ["another-secret-of-at-least-32-characters"] }).serialize("token")).split(";")[0]!;
    expect(await ours.parse(foreign)).toBeNull();
  });

  it("accepts a value signed with an older secret still listed", async () => {
    const old = "the-previous-secret-of-32-characters-or-more";
    const pair = (await createCookie("cs_test", { ...options, secrets: [old] }).serialize("t")).split(";")[0]!;
    expect(await createSignedCookie("cs_test", { ...options, secrets: [secret, old] }).parse(pair)).toBe("t");
  });

  it("answers null without the cookie and an empty string for an empty one, like React Router", async () => {
    const ours = createSignedCookie("cs_test", options);
    const theirs = createCookie("cs_test", options);
    for (const header of [null, "", "other=1", "cs_test=", "cs_test_x=1"]) expect(await ours.parse(header)).toEqual(await theirs.parse(header));
  });
});

describe("cookieValue", () => {
  it("takes the first cookie of that name, percent-decoded and unquoted", () => {
    expect(cookieValue("a=1; b=x%3Dy; b=2", "b")).toBe("x=y");
    expect(cookieValue('a="q"', "a")).toBe("q");
    expect(cookieValue("ab=1", "a")).toBeUndefined();
  });
});
