/** What part a source plays in the story; packs and facts speak in roles, not vendors. */
export const SOURCE_ROLES = ['mdm', 'idp', 'endpoint'] as const;
export type SourceRole = (typeof SOURCE_ROLES)[number];
