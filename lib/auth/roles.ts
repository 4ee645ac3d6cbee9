// Project roles, from most to least powerful. Pure: shared by pages and actions.
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is at least `needed`. */
export function atLeast(role: Role, needed: Role): boolean {
  return rank[role] >= rank[needed];
}

/** What each role may do; checked by every server action. */
export const PERMISSIONS = {
  read: "viewer",
  annotate: "member", // scores, comments, queues, datasets
  manageKeys: "admin",
  manageMembers: "admin",
  manageSettings: "admin", // prices, score configs
  deleteTraces: "admin",
  deleteProject: "owner",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return atLeast(role, PERMISSIONS[permission]);
}
