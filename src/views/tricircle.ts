import type {Job, Pod, Routing} from '../clients/tricircle/index.js'
import type {ListView, ShowView} from './common.js'

/** A ShowOne as python-tricircleclient prints it: the raw keys, sorted, no formatters. */
function sortedShow(o: Record<string, unknown>): ShowView {
  const fields = Object.keys(o).sort()
  return {fields, values: fields.map((f) => o[f]), human: {}}
}

// `pod list`: COLS are pod_id and region_name only (the AZ and DC in the remap table are unused).
export const POD_LIST_HEADERS = ['ID', 'Region Name']

export function podListView(pods: Pod[]): ListView {
  return {headers: POD_LIST_HEADERS, rows: pods.map((p) => [p.pod_id, p.region_name])}
}

/** `pod create` / `pod show`: az_name, dc_name, pod_az_name, pod_id, region_name. */
export function podShowView(p: Pod): ShowView {
  return sortedShow(p)
}

export const ROUTING_LIST_HEADERS = ['ID', 'Pod', 'Resource Type', 'Top']

export function routingListView(routings: Routing[]): ListView {
  return {headers: ROUTING_LIST_HEADERS, rows: routings.map((r) => [r.id, r.pod_id, r.resource_type, r.top_id])}
}

/** `routing create` / `routing show`: the 8 fields, sorted. */
export function routingShowView(r: Routing): ShowView {
  return sortedShow(r)
}

export const JOB_LIST_HEADERS = ['ID', 'Project', 'Status', 'Timestamp', 'Type']

export function jobListView(jobs: Job[]): ListView {
  return {headers: JOB_LIST_HEADERS, rows: jobs.map((j) => [j.id, j.project_id, j.status, j.timestamp, j.type])}
}

/**
 * `job create` / `job show`: `resource` flattened into the job (python's `dict.update`), all
 * keys sorted. Unlike python-tricircleclient, this works for every type, `qos_*` included,
 * since it takes the keys the server sent rather than a fixed per-type map.
 */
export function jobShowView(j: Job): ShowView {
  const {resource, ...rest} = j
  const flat: Record<string, unknown> = {...rest, ...(resource && typeof resource === 'object' ? resource : {})}
  return sortedShow(flat)
}
