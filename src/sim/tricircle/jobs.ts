import {type Reply, reply} from '../common/router.js'
import {JOB_FILTERS, JOB_SCHEMAS, type JobStatus, jobSchema} from './constants.js'
import {type Ctx, hasKey, pageLimit, readBody, unsupportedFilters} from './context.js'
import {apiError, crash} from './errors.js'
import {isPlainObject, pySetRepr, pyStr} from '../common/python.js'
import type {JobLogRow, JobRow, TricircleState} from './state.js'

export function jobView(state: TricircleState, job: JobRow | JobLogRow, status: JobStatus): Record<string, unknown> {
  return {
    id: job.id,
    project_id: job.projectId,
    type: job.type,
    timestamp: job.timestamp,
    status,
    resource: state.jobResource(job.type, job.resourceId),
  }
}

function jobRowView(state: TricircleState, job: JobRow): Record<string, unknown> {
  return jobView(state, job, state.jobStatus(job))
}

function logRowView(state: TricircleState, log: JobLogRow): Record<string, unknown> {
  return jobView(state, log, 'SUCCESS')
}

/** `type` / `project_id` in the job body: missing, then blank. */
function requiredText(job: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(job, key)) throw apiError(400, `${key} isn't provided in request body`)
  const v = job[key]
  if (v === null) throw apiError(400, `${key} can't be empty`)
  if (typeof v !== 'string') throw crash(`${key}.strip() on a non-string`)
  if (v.trim() === '') throw apiError(400, `${key} can't be empty`)
  return v.trim()
}

/** `POST /jobs`: 200 with the latest NEW job of that type and resource. */
export async function createJob(ctx: Ctx): Promise<Reply> {
  if (!ctx.caller.admin) throw apiError(403, 'Unauthorized to create a job')
  const {state} = ctx
  const body = await readBody(ctx)
  if (!hasKey(body, 'job')) throw apiError(400, 'Request body not found')
  const job = body.job
  if (!isPlainObject(job)) throw crash('job is not a dict')
  const type = requiredText(job, 'type')
  const projectId = requiredText(job, 'project_id')
  const schema = jobSchema(type)
  if (!schema) throw apiError(400, `There is no such job type: ${type}`)

  // Only an absent key counts as "not specified"; `{}` is compared against the schema below.
  if (!Object.hasOwn(job, 'resource')) throw apiError(400, 'Failed to create job, because the resource is not specified')
  const resource = job.resource
  if (!isPlainObject(resource)) throw crash('resource is not a dict')
  const given = Object.keys(resource)
  const missing = schema.resource.filter((f) => !given.includes(f))
  if (missing.length > 0) throw apiError(400, `Some required fields are not specified: ${pySetRepr(missing)}`)
  const redundant = given.filter((k) => !schema.resource.includes(k))
  if (redundant.length > 0) throw apiError(400, `Some fields are redundant: ${pySetRepr(redundant)}`)

  if (schema.primary) {
    const {resourceType, field} = schema.primary
    const value = resource[field]
    const routed = state.routings.some((r) => r.projectId === projectId && r.resourceType === resourceType && r.topId === value)
    if (!routed) throw apiError(400, `${resourceType} ${pyStr(value)} doesn't belong to the project ${projectId}`)
  }
  if (schema.projectBound && resource.project_id !== projectId) {
    throw apiError(400, `Specified project_id ${projectId} and resource's project_id ${pyStr(resource.project_id)} are different`)
  }
  const parts = schema.resource.map((f) => resource[f])
  if (!parts.every((p): p is string => typeof p === 'string')) throw crash("'#'.join() on a non-string resource value")
  const resourceId = parts.join('#')

  if (state.takeFault('job.create')) throw apiError(500, 'Failed to create a job')
  const inserted = state.insertJob({type, projectId, resourceId})
  return reply(200, {job: jobRowView(state, latestNewJob(state, type, resourceId) ?? inserted)})
}

/**
 * The latest NEW job with this type and resource. Timestamps have one-second resolution and ties
 * come back in table order, so this may be an older duplicate, as on the real server.
 */
function latestNewJob(state: TricircleState, type: string, resourceId: string): JobRow | undefined {
  let best: JobRow | undefined
  for (const j of state.jobs) {
    if (j.type !== type || j.resourceId !== resourceId || state.jobStatus(j) !== 'NEW') continue
    if (!best || j.timestamp > best.timestamp) best = j
  }
  return best
}

/** Newest first: timestamp descending, then id descending. */
function byTimestampThenIdDesc(a: {timestamp: string; id: string}, b: {timestamp: string; id: string}): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

function olderThan(row: {timestamp: string; id: string}, marker: {timestamp: string; id: string}): boolean {
  return row.timestamp < marker.timestamp || (row.timestamp === marker.timestamp && row.id < marker.id)
}

/** `GET /jobs` and `GET /jobs/detail`. */
export function listJobs(ctx: Ctx): Reply {
  if (!ctx.caller.admin) throw apiError(403, 'Unauthorized to show all jobs')
  const {query, state} = ctx
  const limit = pageLimit(query, state.config.paginationMaxLimit)

  const rawMarker = query.get('marker')
  let markerJob: JobRow | undefined
  let markerLog: JobLogRow | undefined
  if (rawMarker !== null) {
    markerJob = state.findJob(rawMarker)
    markerLog = markerJob ? undefined : state.findJobLog(rawMarker)
    if (!markerJob && !markerLog) throw apiError(400, `Invalid marker: ${rawMarker}`)
  }

  const unsupported = unsupportedFilters(query, JOB_FILTERS)
  if (unsupported.length > 0) throw apiError(400, `Unsupported filter type: ${unsupported.join(', ')}`)

  // project_id is always the token's project.
  const projectId = ctx.caller.projectId
  const type = query.get('type')
  const rawStatus = query.get('status')
  const status = rawStatus === null ? undefined : rawStatus.toLowerCase()
  const knownStatus = status === undefined || ['new', 'running', 'success', 'fail'].includes(status)

  let rows: Array<Record<string, unknown>> = []
  if (knownStatus) {
    let active = state.jobs
      .filter((j) => j.projectId === projectId && (type === null || j.type === type))
      .filter((j) => status === undefined || state.jobStatus(j).toLowerCase() === status)
      .sort(byTimestampThenIdDesc)
    let logs =
      status === undefined || status === 'success'
        ? state.jobLogs.filter((j) => j.projectId === projectId && (type === null || j.type === type)).sort(byTimestampThenIdDesc)
        : []
    if (markerJob) {
      const m = markerJob
      active = active.filter((j) => olderThan(j, m))
    } else if (markerLog) {
      const m = markerLog
      active = []
      logs = logs.filter((j) => olderThan(j, m))
    }
    rows = [...active.map((j) => jobRowView(state, j)), ...logs.map((j) => logRowView(state, j))].slice(0, limit)
  }

  const body: Record<string, unknown> = {jobs: rows}
  const last = rows.at(-1)
  if (last && rows.length >= limit) {
    body.jobs_links = [{rel: 'next', href: `/v1.0/jobs?limit=${limit}&marker=${String(last.id)}`}]
  }
  return reply(200, body)
}

/** `GET /jobs/{id}`, which also serves `schemas` and `detail`. */
export function getJob(ctx: Ctx): Reply {
  if (!ctx.caller.admin) throw apiError(403, 'Unauthorized to show job information')
  const id = ctx.params.id ?? ''
  if (id === 'schemas') {
    return reply(200, {schemas: JOB_SCHEMAS.map((s) => ({type: s.type, resource: [...s.resource]}))})
  }
  if (id === 'detail') return listJobs(ctx)
  const {state} = ctx
  const job = state.findJob(id)
  if (job) return reply(200, {job: jobRowView(state, job)})
  const log = state.findJobLog(id)
  if (log) return reply(200, {job: logRowView(state, log)})
  throw apiError(404, 'Resource not found')
}

/** `DELETE /jobs/{id}`: NEW/FAIL deleted, SUCCESS archived, RUNNING and log jobs refused. */
export function deleteJob(ctx: Ctx): Reply {
  if (!ctx.caller.admin) throw apiError(403, 'Unauthorized to delete a job')
  const {state} = ctx
  const id = ctx.params.id ?? ''
  if (state.findJobLog(id)) throw apiError(400, `Job ${id} is from job log`)
  const job = state.findJob(id)
  if (!job) throw apiError(404, `Job ${id} not found`)
  const status = state.jobStatus(job)
  if (status === 'RUNNING') throw apiError(400, `Failed to delete the running job ${id}`)
  if (state.takeFault('job.delete')) throw apiError(500, 'Failed to delete the job')
  if (status === 'SUCCESS') state.archiveJob(job)
  else state.deleteJob(id)
  return reply(200, {})
}

/** `PUT /jobs/{id}` (redo): a fresh NEW job with the same type, project and resource; 200 `null`. */
export function redoJob(ctx: Ctx): Reply {
  if (!ctx.caller.admin) throw apiError(403, 'Unauthorized to redo a job')
  const {state} = ctx
  const id = ctx.params.id ?? ''
  if (state.findJobLog(id)) throw apiError(400, `Job ${id} is from job log`)
  const job = state.findJob(id)
  if (!job) throw apiError(404, `Job ${id} not found`)
  const status = state.jobStatus(job)
  if (status === 'RUNNING') throw apiError(400, `Can't redo job ${id} which is running`)
  if (status === 'SUCCESS') throw apiError(400, `Can't redo job ${id} which had run successfully`)
  if (state.takeFault('job.redo')) throw apiError(500, 'Failed to redo the job')
  state.insertJob({type: job.type, projectId: job.projectId, resourceId: job.resourceId})
  return reply(200, null)
}
