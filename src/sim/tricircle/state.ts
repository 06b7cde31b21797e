import {randomUUID} from 'node:crypto'

import {type JobStatus, jobSchema} from './constants.js'
import {formatColumnTime, formatJobTime, parseMysqlDateTime} from './time.js'

export interface JobSteps {
  /** Time after creation at which a job reads as RUNNING. */
  runningAfterMs: number
  /** Time after creation at which a job reads as SUCCESS. */
  successAfterMs: number
}

export const DEFAULT_JOB_STEPS: JobSteps = {runningAfterMs: 200, successAfterMs: 500}
export const DEFAULT_PAGINATION_MAX_LIMIT = 2000

export interface StateConfig {
  now: () => Date
  jobSteps: JobSteps
  paginationMaxLimit: number
}

/** A unique-key violation, as the database would raise it. */
export class IntegrityError extends Error {}
/** Any other database failure (foreign key, type, column length, an injected fault). */
export class DbError extends Error {}

export interface PodRow {
  podId: string
  regionName: string
  podAzName: string
  dcName: string
  azName: string
}

export interface RoutingRow {
  id: number
  topId: string
  bottomId: string | null
  podId: string
  projectId: string
  resourceType: string
  createdAt: string
  updatedAt: string | null
}

export type RoutingColumn = 'top_id' | 'bottom_id' | 'pod_id' | 'project_id' | 'resource_type' | 'created_at' | 'updated_at'
export const ROUTING_UPDATABLE_COLUMNS: readonly RoutingColumn[] = [
  'top_id',
  'bottom_id',
  'pod_id',
  'project_id',
  'resource_type',
  'created_at',
  'updated_at',
]

/** A row of `async_jobs`. Its status is computed on read from its age unless pinned. */
export interface JobRow {
  id: string
  type: string
  projectId: string
  /** Resource values joined with `#` in schema order. */
  resourceId: string
  timestamp: string
  createdAtMs: number
  /** Insertion order, to break ties the way a table scan would. */
  seq: number
  pinnedStatus?: JobStatus
}

/** A row of `async_job_logs`: a finished, successful job. */
export interface JobLogRow {
  id: string
  type: string
  projectId: string
  resourceId: string
  timestamp: string
}

/** Operations a test can make fail once, as a database or RPC failure would. */
export type FaultPoint =
  | 'pod.create'
  | 'pod.list'
  | 'pod.delete'
  | 'routing.create'
  | 'routing.update'
  | 'routing.delete'
  | 'job.create'
  | 'job.delete'
  | 'job.redo'

export interface TricircleSnapshot {
  pods: PodRow[]
  routings: RoutingRow[]
  jobs: JobRow[]
  jobLogs: JobLogRow[]
  nextRoutingId: number
  seq: number
}

const MYSQL_LIMITS = {top_id: 127, bottom_id: 36, pod_id: 36, project_id: 36, resource_type: 64} as const

/** The emulator's in-memory database: the pods, cascaded_pods_resource_routing, async_jobs and async_job_logs tables. */
export class TricircleState {
  pods: PodRow[] = []
  routings: RoutingRow[] = []
  jobs: JobRow[] = []
  jobLogs: JobLogRow[] = []
  private nextRoutingId = 1
  private seq = 0
  private readonly faults = new Set<FaultPoint>()

  constructor(readonly config: StateConfig) {
    const {runningAfterMs, successAfterMs} = config.jobSteps
    if (!(runningAfterMs >= 0 && successAfterMs >= runningAfterMs)) {
      throw new Error(`invalid job steps: need 0 <= runningAfterMs (${runningAfterMs}) <= successAfterMs (${successAfterMs})`)
    }
  }

  now(): Date {
    return this.config.now()
  }

  /** Empties every table. */
  reset(): void {
    this.pods = []
    this.routings = []
    this.jobs = []
    this.jobLogs = []
    this.nextRoutingId = 1
    this.faults.clear()
  }

  /** The four tables and the counters, as plain data (mrctl sim snapshots and --state). */
  snapshot(): TricircleSnapshot {
    return structuredClone({pods: this.pods, routings: this.routings, jobs: this.jobs, jobLogs: this.jobLogs, nextRoutingId: this.nextRoutingId, seq: this.seq})
  }

  /** Replaces the tables with a snapshot's. */
  restore(snap: TricircleSnapshot): void {
    const s = structuredClone(snap)
    this.pods = s.pods
    this.routings = s.routings
    this.jobs = s.jobs
    this.jobLogs = s.jobLogs
    this.nextRoutingId = s.nextRoutingId
    this.seq = s.seq
  }

  /** Makes the next `point` operation fail with the server's 500 for it. */
  failNext(point: FaultPoint): void {
    this.faults.add(point)
  }

  /** True (once) when a failure was injected at `point`. */
  takeFault(point: FaultPoint): boolean {
    return this.faults.delete(point)
  }

  // ---- pods

  /** The first pod with an empty az_name and a non-empty region_name. */
  topPod(): PodRow | undefined {
    return this.pods.find((p) => p.azName === '' && p.regionName !== '')
  }

  findPod(podId: string): PodRow | undefined {
    return this.pods.find((p) => p.podId === podId)
  }

  insertPod(fields: Omit<PodRow, 'podId'>): PodRow {
    if (this.takeFault('pod.create')) throw new DbError('injected fault')
    if (this.pods.some((p) => p.regionName === fields.regionName)) throw new IntegrityError('pods.region_name')
    const row: PodRow = {podId: randomUUID(), ...fields}
    this.pods.push(row)
    return row
  }

  deletePod(podId: string): void {
    if (this.takeFault('pod.delete')) throw new DbError('injected fault')
    if (this.routings.some((r) => r.podId === podId)) {
      throw new DbError('foreign key: routings reference the pod')
    }
    this.pods = this.pods.filter((p) => p.podId !== podId)
  }

  // ---- routings

  findRouting(id: number): RoutingRow | undefined {
    return this.routings.find((r) => r.id === id)
  }

  insertRouting(fields: {topId: string; bottomId: string; podId: string; projectId: string; resourceType: string}): RoutingRow {
    if (this.takeFault('routing.create')) throw new DbError('injected fault')
    if (this.routings.some((r) => r.topId === fields.topId && r.podId === fields.podId && r.resourceType === fields.resourceType)) {
      throw new IntegrityError('routing unique key (top_id, pod_id, resource_type)')
    }
    if (!this.findPod(fields.podId)) throw new DbError('foreign key: no such pod')
    this.checkMysqlLengths({top_id: fields.topId, bottom_id: fields.bottomId, pod_id: fields.podId, project_id: fields.projectId, resource_type: fields.resourceType})
    const row: RoutingRow = {
      id: this.nextRoutingId++,
      ...fields,
      createdAt: formatColumnTime(this.now()),
      updatedAt: null,
    }
    this.routings.push(row)
    return row
  }

  /**
   * Applies column updates. Returns the row as the server's update answer shows it: new values,
   * but the old `updated_at`. With no column to change nothing is written.
   */
  updateRouting(id: number, changes: Partial<Record<RoutingColumn, string>>): RoutingRow {
    const row = this.findRouting(id)
    if (!row) throw new DbError('no such routing')
    if (this.takeFault('routing.update')) throw new DbError('injected fault')
    const keys = Object.keys(changes) as RoutingColumn[]
    const next: RoutingRow = {...row}
    for (const k of keys) {
      const v = changes[k] as string
      switch (k) {
        case 'top_id':
          next.topId = v
          break
        case 'bottom_id':
          next.bottomId = v
          break
        case 'pod_id':
          next.podId = v
          break
        case 'project_id':
          next.projectId = v
          break
        case 'resource_type':
          next.resourceType = v
          break
        case 'created_at':
        case 'updated_at': {
          const parsed = parseMysqlDateTime(v)
          if (parsed === undefined) throw new DbError(`bad ${k}`)
          if (k === 'created_at') next.createdAt = parsed
          else next.updatedAt = parsed
          break
        }
      }
    }
    if (keys.length === 0) return {...row}
    this.checkMysqlLengths({top_id: next.topId, bottom_id: next.bottomId ?? '', pod_id: next.podId, project_id: next.projectId, resource_type: next.resourceType})
    if (this.routings.some((r) => r.id !== id && r.topId === next.topId && r.podId === next.podId && r.resourceType === next.resourceType)) {
      throw new IntegrityError('routing unique key (top_id, pod_id, resource_type)')
    }
    const answer: RoutingRow = {...next, updatedAt: row.updatedAt}
    if (!keys.includes('updated_at')) next.updatedAt = formatColumnTime(this.now())
    Object.assign(row, next)
    return answer
  }

  deleteRouting(id: number): void {
    if (this.takeFault('routing.delete')) throw new DbError('injected fault')
    this.routings = this.routings.filter((r) => r.id !== id)
  }

  private checkMysqlLengths(values: Record<keyof typeof MYSQL_LIMITS, string>): void {
    for (const [k, max] of Object.entries(MYSQL_LIMITS) as Array<[keyof typeof MYSQL_LIMITS, number]>) {
      if (values[k].length > max) throw new DbError(`data too long for column ${k}`)
    }
  }

  // ---- jobs

  /** NEW, then RUNNING after `runningAfterMs`, then SUCCESS after `successAfterMs`, unless pinned. */
  jobStatus(job: JobRow): JobStatus {
    if (job.pinnedStatus) return job.pinnedStatus
    const age = this.now().getTime() - job.createdAtMs
    if (age >= this.config.jobSteps.successAfterMs) return 'SUCCESS'
    if (age >= this.config.jobSteps.runningAfterMs) return 'RUNNING'
    return 'NEW'
  }

  findJob(id: string): JobRow | undefined {
    return this.jobs.find((j) => j.id === id)
  }

  findJobLog(id: string): JobLogRow | undefined {
    return this.jobLogs.find((j) => j.id === id)
  }

  /** Inserts an `async_jobs` row. `status` pins it (for tests: FAIL, or a frozen state). */
  insertJob(fields: {type: string; projectId: string; resourceId: string; status?: JobStatus; at?: Date}): JobRow {
    const at = fields.at ?? this.now()
    const row: JobRow = {
      id: randomUUID(),
      type: fields.type,
      projectId: fields.projectId,
      resourceId: fields.resourceId,
      timestamp: formatJobTime(at),
      createdAtMs: at.getTime(),
      seq: this.seq++,
      ...(fields.status ? {pinnedStatus: fields.status} : {}),
    }
    this.jobs.push(row)
    return row
  }

  /** Inserts an `async_job_logs` row (a finished job). */
  insertJobLog(fields: {type: string; projectId: string; resourceId: string; at?: Date}): JobLogRow {
    const row: JobLogRow = {
      id: randomUUID(),
      type: fields.type,
      projectId: fields.projectId,
      resourceId: fields.resourceId,
      timestamp: formatJobTime(fields.at ?? this.now()),
    }
    this.jobLogs.push(row)
    return row
  }

  /** Pins a job's status (test hook: there is no xjob to fail a job). */
  setJobStatus(id: string, status: JobStatus | undefined): void {
    const job = this.findJob(id)
    if (!job) throw new Error(`no job ${id}`)
    if (status) job.pinnedStatus = status
    else delete job.pinnedStatus
  }

  /**
   * What xjob's `finish_job` does on success: a log row with a new id, and every job row of the
   * same type and resource removed, whatever its status.
   */
  archiveJob(job: JobRow): JobLogRow {
    const log = this.insertJobLog({type: job.type, projectId: job.projectId, resourceId: job.resourceId})
    const cutoff = this.now().getTime()
    this.jobs = this.jobs.filter((j) => !(j.type === job.type && j.resourceId === job.resourceId && j.createdAtMs <= cutoff))
    return log
  }

  deleteJob(id: string): void {
    this.jobs = this.jobs.filter((j) => j.id !== id)
  }

  /** The resource dict rebuilt from the stored id, by splitting on `#` in schema order. */
  jobResource(type: string, resourceId: string): Record<string, string> {
    const fields = jobSchema(type)?.resource ?? []
    const parts = resourceId.split('#')
    const out: Record<string, string> = {}
    fields.forEach((f, i) => {
      if (i < parts.length) out[f] = parts[i] as string
    })
    return out
  }
}
