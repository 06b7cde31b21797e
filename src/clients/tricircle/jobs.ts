import type {ServiceClient} from '../../http/service-client.js'

import {listAll, type MarkerPage, paging} from '../../http/paginate.js'
import {pathSegment} from '../../http/service-client.js'
import {adminCall} from './common.js'

/**
 * The 14 job types and their resource fields (`GET /jobs/schemas`). python-tricircleclient
 * knows only the first ten and crashes on the `qos_*` ones.
 */
export const JOB_TYPES: Readonly<Record<string, readonly string[]>> = {
  configure_route: ['router_id'],
  router_setup: ['pod_id', 'router_id', 'network_id'],
  port_delete: ['pod_id', 'port_id'],
  seg_rule_setup: ['project_id'],
  update_network: ['pod_id', 'network_id'],
  trunk_sync: ['pod_id', 'trunk_id'],
  subnet_update: ['pod_id', 'subnet_id'],
  shadow_port_setup: ['pod_id', 'network_id'],
  sfc_sync: ['pod_id', 'portchain_id', 'network_id'],
  resource_recycle: ['project_id'],
  qos_create: ['pod_id', 'policy_id', 'res_type', 'res_id'],
  qos_update: ['pod_id', 'policy_id'],
  qos_delete: ['pod_id', 'policy_id'],
  sync_qos_rule: ['rule_id', 'policy_id'],
}

export const JOB_TYPE_NAMES = Object.keys(JOB_TYPES)

/** Resource fields that have a `job create` option (`project_id` comes from `--project_id`). */
export const JOB_RESOURCE_OPTIONS = [
  'router_id',
  'network_id',
  'pod_id',
  'port_id',
  'trunk_id',
  'subnet_id',
  'portchain_id',
  'policy_id',
  'res_type',
  'res_id',
  'rule_id',
] as const
export type JobResourceOption = (typeof JOB_RESOURCE_OPTIONS)[number]

/** Types whose resource is the project itself: `resource.project_id` is the job's project. */
const PROJECT_RESOURCE_TYPES = ['seg_rule_setup', 'resource_recycle']

export const JOB_STATUSES = ['new', 'running', 'success', 'fail'] as const

// --- types ---
export interface Job {
  id: string
  project_id: string
  type: string
  /** `YYYY-MM-DD HH:MM:SS` (no T, no Z). */
  timestamp: string
  status: 'NEW' | 'RUNNING' | 'SUCCESS' | 'FAIL' | string
  resource: Record<string, string | null>
  [key: string]: unknown
}

export interface CreateJobOpts {
  type: string
  project_id: string
  resource: Record<string, string>
}

export interface ListJobsFilters {
  project_id?: string
  type?: string
  /** new, running, success or fail (the server compares case-insensitively). */
  status?: string
}

const TYPE_HINT: Array<[RegExp, string]> = [[/^There is no such job type/, `valid job types: ${JOB_TYPE_NAMES.join(', ')}`]]

// --- paths ---
const root = () => '/jobs'
const item = (id: string) => `/jobs/${pathSegment('job ID', id)}`

/**
 * The job's `resource` from the options given: only the fields that were given (never a
 * `null`, which the server turns into an empty 500); for `seg_rule_setup` and
 * `resource_recycle`, `project_id` is the job's project. The server checks the fields against
 * the type's schema and names any missing or redundant one.
 */
export function jobResource(type: string, projectId: string, given: Partial<Record<JobResourceOption, string>>): Record<string, string> {
  const resource: Record<string, string> = {}
  if (PROJECT_RESOURCE_TYPES.includes(type)) resource.project_id = projectId
  for (const k of JOB_RESOURCE_OPTIONS) {
    const v = given[k]
    if (v !== undefined) resource[k] = v
  }
  return resource
}

export function jobCreateBody(opts: CreateJobOpts): {job: CreateJobOpts} {
  return {job: {type: opts.type, project_id: opts.project_id, resource: opts.resource}}
}

// --- verbs ---
export async function listJobs(c: ServiceClient, filters: ListJobsFilters = {}, page: MarkerPage = {}): Promise<Job[]> {
  const query = {...filters, limit: page.limit, marker: page.marker}
  return adminCall(listAll<Job>(c, paging.marker, root(), {key: 'jobs', query, onePage: page.limit !== undefined}))
}

export async function getJob(c: ServiceClient, id: string): Promise<Job> {
  return (await adminCall(c.get<{job: Job}>(item(id)))).job
}

/** 200 (not the api-ref's 202) with the job, status NEW. */
export async function createJob(c: ServiceClient, opts: CreateJobOpts): Promise<Job> {
  return (await adminCall(c.post<{job: Job}>(root(), jobCreateBody(opts)), TYPE_HINT)).job
}

/** 200 `{}`. A SUCCESS job is archived under a new id rather than removed. */
export async function deleteJob(c: ServiceClient, id: string): Promise<void> {
  await adminCall(c.delete(item(id)))
}

/** `PUT /jobs/{id}` without a body: 200 `null`. The server queues a fresh NEW job of the same type and resource. */
export async function redoJob(c: ServiceClient, id: string): Promise<void> {
  await adminCall(c.put<null>(item(id)))
}
