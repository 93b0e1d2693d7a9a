import { describe, expect, it } from "vitest";
import { defaultBackupFile, describeFailure, OperationError, redact, targetUrl } from "../scripts/lib/backup";

describe("db:backup / db:restore arguments", () => {
  it("names the default backup by its UTC time, without characters file systems refuse", () => {
    expect(defaultBackupFile(new Date("2026-12-07T03:20:05.123Z"), "/b")).toBe("/b/2026-12-07T03-20-05Z.dump");
  });

  it("takes --into as a URL, or a plain name on the source's server, and refuses anything else", () => {
    const base = "postgres://u:secret@db.internal:5433/channel?sslmode=require";
    expect(targetUrl("channel_copy", base)).toBe("postgres://u:secret@db.internal:5433/channel_copy?sslmode=require");
    expect(targetUrl("postgres://x@h/other", base)).toBe("postgres://x@h/other");
    for (const bad of ['a"; drop database x; --', "a/b", "", "x".repeat(64)]) {
      expect(() => targetUrl(bad, base)).toThrow(OperationError);
    }
  });

  it("never prints a password, and reports foreign errors by message only", () => {
    expect(redact("postgres://u:secret@h/db")).toBe("postgres://u:***@h/db");
    expect(describeFailure(new OperationError("There is no backup file at x."))).toBe("There is no backup file at x.");
    expect(describeFailure(new TypeError("boom"))).toBe("Failed: boom");
  });
});
