import { operation } from "@/lib/api/operation";
import { createContactMethodSchema, patchContactMethodSchema } from "@/lib/contacts/schema";
import { createTokenSchema } from "@/lib/tokens/schema";

export const accountOperations = {
  getCaller: operation({
    method: "GET",
    path: "/api/v1/me",
    summary: "The caller: user id, email, name and role",
    role: "viewer",
    responses: { 200: "The caller" },
  }),
  listOwnContactMethods: operation({
    method: "GET",
    path: "/api/v1/me/contact-methods",
    summary: "The caller's contact methods (email shown in full, URLs redacted)",
    role: "viewer",
    responses: { 200: "`{ contactMethods }`" },
  }),
  addOwnContactMethod: operation({
    method: "POST",
    path: "/api/v1/me/contact-methods",
    summary:
      "Add a contact method: email, Slack-compatible webhook, ntfy topic URL or generic webhook (URLs pass the outbound policy)",
    role: "viewer",
    body: createContactMethodSchema,
    responses: {
      201: "`{ contactMethod }`",
      422: "A field is not valid, or the URL is not allowed",
    },
  }),
  changeContactMethod: operation({
    method: "PATCH",
    path: "/api/v1/me/contact-methods/{id}",
    summary:
      "Change one of the caller's contact methods (admins: anyone's); a blank target keeps the stored one",
    role: "viewer",
    body: patchContactMethodSchema,
    responses: {
      200: "`{ contactMethod }`",
      403: "Not the caller's method",
      404: "No such method",
      409: "Changed since read",
    },
  }),
  removeContactMethod: operation({
    method: "DELETE",
    path: "/api/v1/me/contact-methods/{id}",
    summary: "Remove one of the caller's contact methods (admins: anyone's)",
    role: "viewer",
    responses: {
      200: "`{ deleted: true }`",
      403: "Not the caller's method",
      404: "No such method",
    },
  }),
  testContactMethod: operation({
    method: "POST",
    path: "/api/v1/me/contact-methods/{id}/test",
    summary: "Send a test message now; the answer carries lastTestStatus and lastTestError",
    role: "viewer",
    responses: {
      200: "`{ contactMethod }`",
      403: "Not the caller's method",
      404: "No such method",
    },
  }),
  listUserContactMethods: operation({
    method: "GET",
    path: "/api/v1/users/{id}/contact-methods",
    summary:
      "Someone's contact methods (admins only; URLs redacted). Change or remove one through /api/v1/me/contact-methods/{id}",
    role: "admin",
    responses: { 200: "`{ contactMethods }`" },
  }),
  addUserContactMethod: operation({
    method: "POST",
    path: "/api/v1/users/{id}/contact-methods",
    summary: "Add a contact method for someone (admins only)",
    role: "admin",
    body: createContactMethodSchema,
    responses: {
      201: "`{ contactMethod }`",
      404: "No such person",
      422: "A field is not valid, or the URL is not allowed",
    },
  }),
  listTokens: operation({
    method: "GET",
    path: "/api/v1/tokens",
    summary: "List API tokens (never their secrets)",
    role: "admin",
    responses: { 200: "Tokens" },
  }),
  createToken: operation({
    method: "POST",
    path: "/api/v1/tokens",
    summary: "Create an API token; the secret is in this response only",
    role: "admin",
    body: createTokenSchema,
    responses: { 201: "The token and its secret" },
  }),
  revokeToken: operation({
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    summary: "Revoke an API token",
    role: "admin",
    responses: { 200: "The revoked token" },
  }),
  getOpenApiDocument: operation({
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "This document",
    role: "viewer",
    responses: { 200: "OpenAPI 3.1 document" },
  }),
};
