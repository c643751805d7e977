/** Every react-query key of the paging domain; invalidation works on the prefixes. */
export const pagingKeys = {
  all: ["paging"] as const,
  unacknowledged: () => [...pagingKeys.all, "unacknowledged"] as const,
  list: (state: string) => [...pagingKeys.all, "list", state] as const,
  page: (id: string) => [...pagingKeys.all, "page", id] as const,
};
