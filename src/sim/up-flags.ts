import type {CloudOptions} from './cloud/cloud.js'
import type {FaultSpec} from './cloud/faults.js'
import type {TimeMode} from './cloud/clock.js'
import type {RunRecord} from './daemon.js'

import {UsageError} from '../core/errors.js'
import {serviceType} from './cloud/faults.js'
import {regionsForCount, validateRegions} from './cloud/topology.js'
import {SIM_SERVICES} from './plan.js'

/** What `sim up`'s flags mean, checked before anything starts; and how the sim commands print. */

export interface UpFlags {
  regions?: string
  'region-count'?: number
  port?: number
  state?: string
  time?: string
  speed?: string
  cloud?: string
  services?: string
}

export function parseUpFlags(f: UpFlags): {local: CloudOptions; cloud?: string; services: string[]} {
  const services = (f.services ?? 'zun,tricircle').split(',').map((s) => s.trim()).filter(Boolean)
  const unknown = services.filter((s) => !SIM_SERVICES.includes(s as never))
  if (unknown.length || services.length === 0) {
    throw new UsageError(`--services ${f.services}: unknown ${unknown.join(', ') || 'empty list'}`, [`choose from ${SIM_SERVICES.join(', ')}`])
  }
  if (f.cloud !== undefined) {
    for (const k of ['state', 'port', 'speed'] as const) {
      if (f[k] !== undefined) throw new UsageError(`--${k} is for the simulated cloud; it does not go with --cloud`)
    }
    if (f.time !== undefined && f.time !== 'realistic') throw new UsageError('--time is for the simulated cloud; it does not go with --cloud')
    return {local: {}, cloud: f.cloud, services}
  }
  let regions: string[] | undefined
  try {
    if (f.regions !== undefined) regions = validateRegions(f.regions.split(',').map((r) => r.trim()).filter(Boolean))
    if (f['region-count'] !== undefined) regions = regionsForCount(f['region-count'])
  } catch (error) {
    throw new UsageError(`${f.regions === undefined ? '--region-count' : '--regions'}: ${(error as Error).message}`)
  }
  let speed: number | undefined
  if (f.speed !== undefined) {
    speed = Number(f.speed)
    if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--speed ${f.speed}: expected a positive number (2 runs twice as fast)`)
    if (f.time !== undefined && f.time !== 'realistic') throw new UsageError(`--speed goes with --time realistic, not --time ${f.time}`)
  }
  if (f.state !== undefined && f.state.trim() === '') throw new UsageError('--state: expected a folder')
  return {local: {regions, port: f.port, stateDir: f.state, time: (f.time ?? 'realistic') as TimeMode, speed}, services}
}

/** `5s`, `250ms`, `1m`, `1.5` (seconds) → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim())
  if (!m) throw new UsageError(`--delay ${text}: expected a duration such as 5s, 250ms or 1m`)
  const n = Number(m[1])
  return Math.round(m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000)
}

export function faultSpecFromFlags(f: {region?: string; service?: string; method?: string; path?: string; status?: number; count?: number; delay?: string; down?: boolean}): FaultSpec & {down?: boolean} {
  let service: string | undefined
  if (f.service !== undefined) {
    service = serviceType(f.service)
    if (!service) throw new UsageError(`--service ${f.service}: not a service`, ['choose from identity, network, image, load-balancer, container, tricircle'])
  }
  if (f.down) {
    if (!f.region) throw new UsageError('--down needs --region')
    if (service === 'identity') throw new UsageError('--down --service identity: Keystone is not per region', ['take a region down, or one of its services'])
    return service ? {region: f.region, service, down: true} : {region: f.region, down: true}
  }
  if (f.status === undefined && f.delay === undefined) throw new UsageError('a fault needs --status, --delay, or both (or --region R [--service S] --down)')
  const method = f.method?.toUpperCase()
  if (method !== undefined && !['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) throw new UsageError(`--method ${f.method}: not an HTTP method`)
  return {region: f.region, service, method, path: f.path, status: f.status, count: f.count, delayMs: f.delay === undefined ? undefined : parseDuration(f.delay)}
}

function endpointLines(endpoints: RunRecord['endpoints']): string[] {
  return endpoints.map((e) => `  ${e.service.padEnd(14)} ${(e.region || '(all regions)').padEnd(16)} ${e.url}`)
}

export function describeRecord(r: RunRecord): string[] {
  if (r.kind === 'cloud') return [`emulators over ${r.cloud}:`, ...endpointLines(r.endpoints)]
  return [
    `simulated cloud: ${r.regions?.length} regions (${r.regions?.join(', ')}), time ${r.time?.mode}${r.time?.mode === 'realistic' && r.time.speed !== 1 ? ` ×${r.time.speed}` : ''}${r.state_dir ? `, state in ${r.state_dir}` : ''}`,
    ...endpointLines(r.endpoints),
    `clouds.yaml: ${r.clouds_file} (clouds ${r.cloud} and ${r.cloud}-demo); mrctl profile: ${r.cloud}`,
    `use it: eval "$(mrctl sim env)", then openstack network list, or mrctl network list --all-regions`,
  ]
}

export function describeStatus(r: RunRecord, s: Record<string, unknown>): string[] {
  const lines = [`running: pid ${r.pid}, since ${r.started_at}`, ...describeRecord(r).slice(0, -1)]
  const time = s.time as {mode: string; now: string} | undefined
  if (time) lines.push(`time: ${time.mode}, now ${time.now}`)
  const faults = (s.faults as unknown[] | undefined) ?? []
  const down = [...((s.down as string[] | undefined) ?? []), ...((s.down_services as Array<{region: string; service: string}> | undefined) ?? []).map((d) => `${d.region} ${d.service}`)]
  if (faults.length) lines.push(`faults: ${faults.length} (mrctl sim fault list)`)
  if (down.length) lines.push(`down: ${down.join(', ')}`)
  if (typeof s.containers === 'number') lines.push(`containers: ${s.containers}`)
  return lines
}
