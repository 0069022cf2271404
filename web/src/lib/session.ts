import type { z } from "zod";
import type { Me as MeSchema } from "../../../server/modules/auth/auth.schemas";
import type { Action } from "../../../server/modules/auth/permissions";
import { api } from "./api";

export type Me = z.infer<typeof MeSchema>;

export function can(me: Me, permission: Action | "authenticated"): boolean {
  return permission === "authenticated" || me.permissions.includes(permission);
}

export async function currentUser(): Promise<Me | null> {
  try {
    return await api.get<Me>("/api/auth/me");
  } catch {
    return null;
  }
}
