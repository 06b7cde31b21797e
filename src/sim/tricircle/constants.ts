/** Resource types the admin API accepts on routing create and update. */
export const ROUTING_RESOURCE_TYPES: readonly string[] = [
  'network',
  'subnet',
  'port',
  'router',
  'security_group',
  'trunk',
  'port_pair',
  'port_pair_group',
  'flow_classifier',
  'port_chain',
  'qos_policy',
]

/** Query parameters `GET /routings` filters on (besides limit and marker). */
export const ROUTING_FILTERS: readonly string[] = [
  'id',
  'top_id',
  'bottom_id',
  'pod_id',
  'project_id',
  'resource_type',
  'created_at',
  'updated_at',
]

/** Query parameters `GET /jobs` filters on (besides limit and marker). */
export const JOB_FILTERS: readonly string[] = ['project_id', 'type', 'status']

export type JobStatus = 'NEW' | 'RUNNING' | 'SUCCESS' | 'FAIL'
export const JOB_STATUSES: readonly JobStatus[] = ['NEW', 'RUNNING', 'SUCCESS', 'FAIL']

export interface JobSchema {
  type: string
  /** Resource fields, in the order they are joined with `#` into the stored resource id. */
  resource: readonly string[]
  /** The resource that must be routed to the job's project, if any. */
  primary?: {resourceType: string; field: string}
  /** `resource.project_id` must equal the job's `project_id`. */
  projectBound?: boolean
}

/** The 14 job types, in the order `GET /jobs/schemas` lists them. */
export const JOB_SCHEMAS: readonly JobSchema[] = [
  {type: 'configure_route', resource: ['router_id'], primary: {resourceType: 'router', field: 'router_id'}},
  {type: 'router_setup', resource: ['pod_id', 'router_id', 'network_id'], primary: {resourceType: 'router', field: 'router_id'}},
  {type: 'port_delete', resource: ['pod_id', 'port_id'], primary: {resourceType: 'port', field: 'port_id'}},
  {type: 'seg_rule_setup', resource: ['project_id'], projectBound: true},
  {type: 'update_network', resource: ['pod_id', 'network_id'], primary: {resourceType: 'network', field: 'network_id'}},
  {type: 'trunk_sync', resource: ['pod_id', 'trunk_id'], primary: {resourceType: 'trunk', field: 'trunk_id'}},
  {type: 'subnet_update', resource: ['pod_id', 'subnet_id'], primary: {resourceType: 'subnet', field: 'subnet_id'}},
  {type: 'shadow_port_setup', resource: ['pod_id', 'network_id'], primary: {resourceType: 'network', field: 'network_id'}},
  {
    type: 'sfc_sync',
    resource: ['pod_id', 'portchain_id', 'network_id'],
    primary: {resourceType: 'port_chain', field: 'portchain_id'},
  },
  {type: 'resource_recycle', resource: ['project_id'], projectBound: true},
  {
    type: 'qos_create',
    resource: ['pod_id', 'policy_id', 'res_type', 'res_id'],
    primary: {resourceType: 'qos_policy', field: 'policy_id'},
  },
  {type: 'qos_update', resource: ['pod_id', 'policy_id'], primary: {resourceType: 'qos_policy', field: 'policy_id'}},
  {type: 'qos_delete', resource: ['pod_id', 'policy_id'], primary: {resourceType: 'qos_policy', field: 'policy_id'}},
  {type: 'sync_qos_rule', resource: ['rule_id', 'policy_id'], primary: {resourceType: 'qos_policy', field: 'policy_id'}},
]

export function jobSchema(type: string): JobSchema | undefined {
  return JOB_SCHEMAS.find((s) => s.type === type)
}
