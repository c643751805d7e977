/** Every react-query key of the board domain; invalidation works on the prefix. */
export const boardKeys = {
  all: ["board"] as const,
  view: () => [...boardKeys.all, "view"] as const,
};
