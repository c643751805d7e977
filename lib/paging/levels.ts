export * from "@/lib/paging/labels";
