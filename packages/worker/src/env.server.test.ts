import { describe, expect, it } from "vitest";
import { readWorkerEnv } from "./env.server";

describe("readWorkerEnv", () => {
  it("defaults to the log transport", () => {
    expect(readWorkerEnv({})).toMatchObject({ SMS_TRANSPORT: "log", MAIL_TRANSPORT: "log", MAIL_POLL_MS: 2000, MAIL_MAX_ATTEMPTS: 5, MAIL_BACKOFF_MS: 30_000 });
  });
  it("needs an SMTP URL for the smtp transport", () => {
    expect(() => readWorkerEnv({ MAIL_TRANSPORT: "smtp" })).toThrow(/SMTP_URL/);
    expect(readWorkerEnv({ MAIL_TRANSPORT: "smtp", SMTP_URL: "smtp://u:p@mail.example:587" })).toMatchObject({ MAIL_TRANSPORT: "smtp" });
  });
  it("needs a gateway URL for the http SMS transport", () => {
    expect(() => readWorkerEnv({ SMS_TRANSPORT: "http" })).toThrow(/SMS_HTTP_URL/);
    expect(readWorkerEnv({ SMS_TRANSPORT: "http", SMS_HTTP_URL: "https://sms.internal.example/send", SMS_HTTP_TOKEN: "t" })).toMatchObject({
      SMS_TRANSPORT: "http",
      SMS_HTTP_TOKEN: "t",
    });
  });
  it("refuses an unknown transport and a nonsense poll interval", () => {
    expect(() => readWorkerEnv({ MAIL_TRANSPORT: "carrier-pigeon" })).toThrow();
    expect(() => readWorkerEnv({ MAIL_POLL_MS: "5" })).toThrow();
  });
});
