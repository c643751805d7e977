import { describe, expect, it } from "vitest";
import {
  conflictError,
  errorMessageOf,
  errorSummary,
  notFoundError,
  nullWhenNotFound,
  unshownErrorSummary,
  type ErrorBody,
} from "@/lib/errors";

const refusal: ErrorBody = {
  code: "validation_failed",
  message: "Some fields are not valid.",
  fields: { title: ["Give it a title."], eta: ["Too long.", "Not a time."] },
};
const conflict: ErrorBody = { code: "conflict", message: "It changed meanwhile." };

describe("errorSummary", () => {
  it("reads a refusal in one line: its field messages, else its message", () => {
    expect(errorSummary(refusal)).toBe("Give it a title. Too long. Not a time.");
    expect(errorSummary(conflict)).toBe("It changed meanwhile.");
    expect(errorSummary({ ...refusal, fields: {} })).toBe("Some fields are not valid.");
  });
});

describe("unshownErrorSummary", () => {
  it("leaves out the fields shown beside their controls, and says nothing when every field is shown", () => {
    expect(unshownErrorSummary(refusal, ["title"])).toBe("Too long. Not a time.");
    expect(unshownErrorSummary(refusal, ["title", "eta"])).toBeNull();
    expect(unshownErrorSummary(refusal, [])).toBe("Give it a title. Too long. Not a time.");
    expect(unshownErrorSummary(conflict, ["title"])).toBe("It changed meanwhile.");
  });
});

describe("errorMessageOf", () => {
  it("reads the message of an API error body only when it is one", () => {
    expect(errorMessageOf({ error: { message: "No such service." } })).toBe("No such service.");
    expect(errorMessageOf({ error: "text" })).toBeNull();
    expect(errorMessageOf(null)).toBeNull();
  });
});

describe("nullWhenNotFound", () => {
  it("answers what was read, null for not found, and lets any other failure through", async () => {
    await expect(nullWhenNotFound(Promise.resolve(7))).resolves.toBe(7);
    await expect(nullWhenNotFound(Promise.reject(notFoundError("The page")))).resolves.toBeNull();
    const changed = conflictError("It changed meanwhile.");
    await expect(nullWhenNotFound(Promise.reject(changed))).rejects.toBe(changed);
  });
});
