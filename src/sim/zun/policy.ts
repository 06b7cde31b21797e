import {errors} from './errors.js'

/**
 * Zun's default policy, as far as the API emulated here depends on it (zun-api.md §0.2 item 10,
 * §3, §8.2): rules listed here are admin-only, `container:create:privileged` is denied to
 * everybody, and every other rule is "admin or owner" (the caller's project owns the target).
 */
const ADMIN_ONLY = new Set([
  'container:create:runtime',
  'container:create:image_pull_policy',
  'container:create:requested_destination',
  'container:delete_force',
  'container:delete_all_projects',
  'container:get_one_all_projects',
  'container:get_all_all_projects',
  'container:get_one:host',
  'container:get_one:image_pull_policy',
  'container:get_one:privileged',
  'container:get_one:runtime',
  'container:action:events:traceback',
  'capsule:get_all_all_projects',
  'capsule:get_one_all_projects',
  'capsule:delete_all_projects',
  'host:get_all',
  'host:get',
  'image:get_all',
  'image:get_one',
  'image:pull',
  'image:delete',
  'zun-service:get_all',
  'zun-service:delete',
  'zun-service:update',
  'zun-service:enable',
  'zun-service:disable',
  'zun-service:force_down',
  'quota:update',
  'quota:delete',
  'quota_class:get',
  'quota_class:update',
  'network:create',
  'network:delete',
  'registry:get_all_all_projects',
])

const DENY_ALL = new Set(['container:create:privileged'])

export interface Caller {
  userId: string
  projectId: string
  isAdmin: boolean
}

export function can(caller: Caller, rule: string, targetProjectId?: string): boolean {
  if (DENY_ALL.has(rule)) return false
  if (caller.isAdmin) return true
  if (ADMIN_ONLY.has(rule)) return false
  return targetProjectId === undefined || targetProjectId === caller.projectId
}

/** 403 `container.policy-not-authorized` "Policy doesn't allow <rule> to be performed." */
export function enforce(caller: Caller, rule: string, targetProjectId?: string): void {
  if (!can(caller, rule, targetProjectId)) throw errors.policy(rule)
}
