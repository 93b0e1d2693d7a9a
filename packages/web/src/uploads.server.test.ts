import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES, ValidationError } from "@cs/domain";
import { filesOf } from "./uploads.server";

describe("filesOf", () => {
  it("reads the named files' bytes, skipping the empty part a browser sends for no file", async () => {
    const form = new FormData();
    form.append("photos", new File([new Uint8Array([1, 2, 3])], "a.png"));
    form.append("photos", new File([], ""));
    form.append("photos", "not a file");
    form.append("proof", new File([new Uint8Array([9])], "p.jpg"));
    const files = await filesOf(form, "photos");
    expect(files.map((f) => [f.name, [...f.bytes]])).toEqual([["a.png", [1, 2, 3]]]);
  });

  it("refuses a file over the limit by its size, on the field that carried it", async () => {
    const form = new FormData();
    form.append("photos", new File([new Uint8Array(10)], "ok.png"));
    form.append("photos", new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], "big.png"));
    const error = await filesOf(form, "photos").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ photos: ["service.validation.fileTooLarge"] });
    // exactly at the limit is allowed
    const atLimit = new FormData();
    atLimit.append("photos", new File([new Uint8Array(MAX_UPLOAD_BYTES)], "limit.png"));
    expect(await filesOf(atLimit, "photos")).toHaveLength(1);
  });
});

