import { describe, expect, it } from "vitest";
import {
  apiContentSecurityPolicy,
  createNonce,
  hstsValue,
  pageContentSecurityPolicy,
  requestSecurityHeaders,
  servedOverHttps,
  staticSecurityHeaders,
} from "@/lib/security-headers";

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources.join(" ")];
    }),
  );
}

describe("page Content-Security-Policy", () => {
  const production = directives(
    pageContentSecurityPolicy({ nonce: "abc123==", development: false, https: false }),
  );

  it("lets only scripts with this response's nonce run, and what they load", () => {
    expect(production.get("script-src")).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(production.get("script-src")).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("needs the nonce for <style> elements but allows style attributes, which a nonce cannot cover", () => {
    expect(production.get("style-src-elem")).toBe("'self' 'nonce-abc123=='");
    expect(production.get("style-src-attr")).toBe("'unsafe-inline'");
  });

  it("locks down everything else", () => {
    expect(production.get("default-src")).toBe("'self'");
    expect(production.get("img-src")).toBe("'self' data:");
    expect(production.get("connect-src")).toBe("'self'");
    expect(production.get("frame-ancestors")).toBe("'none'");
    expect(production.get("base-uri")).toBe("'self'");
    expect(production.get("form-action")).toBe("'self'");
    expect(production.get("object-src")).toBe("'none'");
    expect(production.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds eval and inline <style> only in development, and upgrades requests only over https", () => {
    const development = directives(
      pageContentSecurityPolicy({ nonce: "n", development: true, https: false }),
    );
    expect(development.get("script-src")).toContain("'unsafe-eval'");
    expect(development.get("style-src-elem")).toContain("'unsafe-inline'");
    expect(
      directives(pageContentSecurityPolicy({ nonce: "n", development: false, https: true })).has(
        "upgrade-insecure-requests",
      ),
    ).toBe(true);
  });
});

describe("nonces", () => {
  it("are fresh, 128-bit and safe inside a policy", () => {
    const nonces = new Set(Array.from({ length: 200 }, () => createNonce()));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    }
  });
});

describe("per-request headers", () => {
  it("gives pages the nonce policy and API answers a policy that loads nothing", () => {
    const page = new Map(
      requestSecurityHeaders({ kind: "page", nonce: "xyz", development: false, https: false }),
    );
    expect(page.get("Content-Security-Policy")).toContain("'nonce-xyz'");
    const api = new Map(
      requestSecurityHeaders({ kind: "api", nonce: "xyz", development: false, https: false }),
    );
    expect(api.get("Content-Security-Policy")).toBe(apiContentSecurityPolicy);
    expect(apiContentSecurityPolicy).toContain("default-src 'none'");
  });

  it("sends HSTS only over https", () => {
    expect(
      new Map(
        requestSecurityHeaders({ kind: "page", nonce: "n", development: false, https: true }),
      ).get("Strict-Transport-Security"),
    ).toBe(hstsValue);
    expect(
      new Map(
        requestSecurityHeaders({ kind: "api", nonce: "n", development: false, https: true }),
      ).get("Strict-Transport-Security"),
    ).toBe(hstsValue);
    expect(
      new Map(
        requestSecurityHeaders({ kind: "page", nonce: "n", development: false, https: false }),
      ).has("Strict-Transport-Security"),
    ).toBe(false);
    expect(hstsValue).toBe("max-age=63072000; includeSubDomains");
  });

  it("keeps the usual hardening headers", () => {
    const fixed = new Map(staticSecurityHeaders.map(({ key, value }) => [key, value]));
    expect(fixed.get("X-Content-Type-Options")).toBe("nosniff");
    expect(fixed.get("X-Frame-Options")).toBe("DENY");
    expect(fixed.get("Referrer-Policy")).toBe("same-origin");
    expect(fixed.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
    expect(fixed.get("Cross-Origin-Resource-Policy")).toBe("same-origin");
    expect(fixed.get("Permissions-Policy")).toContain("camera=()");
  });
});

describe("served over https", () => {
  const plain = { forwardedProto: null, trustProxy: false, publicUrl: undefined };

  it("believes X-Forwarded-Proto only behind a trusted proxy", () => {
    expect(servedOverHttps({ ...plain, forwardedProto: "https" })).toBe(false);
    expect(servedOverHttps({ ...plain, forwardedProto: "https", trustProxy: true })).toBe(true);
    expect(servedOverHttps({ ...plain, forwardedProto: "HTTPS, http", trustProxy: true })).toBe(
      true,
    );
    expect(servedOverHttps({ ...plain, forwardedProto: "http", trustProxy: true })).toBe(false);
  });

  it("otherwise follows the public URL", () => {
    expect(servedOverHttps(plain)).toBe(false);
    expect(servedOverHttps({ ...plain, publicUrl: "https://vigil.example" })).toBe(true);
    expect(servedOverHttps({ ...plain, publicUrl: "http://localhost:3000" })).toBe(false);
  });
});
