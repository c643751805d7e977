/** The `<option>`s of a service picker: "MCP (production)", valued by id. */
export function ServiceOptions({
  services,
}: {
  services: readonly { id: string; name: string; environment: string }[];
}) {
  return services.map((service) => (
    <option key={service.id} value={service.id}>
      {service.name} ({service.environment})
    </option>
  ));
}
