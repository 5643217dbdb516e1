// composition: a page asked for in the query string (`limit`, `cursor`) as the use cases take it: the first page
// carries no cursor at all.
export function pageOf(query: { limit: number; cursor?: string | undefined }): {
  limit: number;
  cursor?: string;
} {
  return { limit: query.limit, cursor: query.cursor || undefined };
}
