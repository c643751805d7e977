import type { ServiceFormInput } from "@/lib/services/types";

/** Flat form fields (tags as "a, b", links.logs, sampleProbe.path …) into the nested input the schema takes. */
export function serviceInputFromForm(form: Record<string, unknown>): ServiceFormInput {
  const text = (key: string) => (typeof form[key] === "string" ? (form[key] as string) : undefined);
  const nested = (prefix: string) =>
    Object.fromEntries(
      Object.entries(form)
        .filter(([key]) => key.startsWith(`${prefix}.`))
        .map(([key, value]) => [key.slice(prefix.length + 1), value]),
    );
  const sampleProbe = nested("sampleProbe");
  const probePath = sampleProbe.path;
  return {
    ...Object.fromEntries(Object.entries(form).filter(([key]) => !key.includes("."))),
    name: text("name") ?? "",
    baseUrl: text("baseUrl") ?? "",
    profile: text("profile") ?? "",
    enabled: form.enabled ?? false,
    checkTlsExpiry: form.checkTlsExpiry ?? false,
    tags: (text("tags") ?? "")
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
    links: nested("links"),
    sampleProbe:
      typeof probePath === "string" && probePath.trim() !== ""
        ? { ...sampleProbe, path: probePath }
        : null,
  };
}
