import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("a long enough password");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain("a long enough password");
    await expect(verifyPassword("a long enough password", hash)).resolves.toBe(true);
    await expect(verifyPassword("a long enough passwore", hash)).resolves.toBe(false);
  });

  it("salts every hash", async () => {
    const [first, second] = await Promise.all([
      hashPassword("same password!!"),
      hashPassword("same password!!"),
    ]);
    expect(first).not.toBe(second);
  });

  it("treats a malformed stored hash as a mismatch", async () => {
    await expect(verifyPassword("whatever", "plaintext")).resolves.toBe(false);
    await expect(verifyPassword("whatever", "bcrypt$1$2$3$4$5")).resolves.toBe(false);
  });

  it("generates distinct passwords long enough for the rules", () => {
    const passwords = new Set(Array.from({ length: 20 }, generatePassword));
    expect(passwords.size).toBe(20);
    for (const password of passwords) expect(password.length).toBeGreaterThanOrEqual(20);
  });
});
