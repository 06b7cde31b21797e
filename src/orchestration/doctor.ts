import type {Session} from '../auth/session.js'
import type {CatalogEntry} from '../auth/catalog.js'
import type {TokenData} from '../auth/keystone.js'
import type {ServiceClient} from '../http/service-client.js'

import {allRegions, findEndpoint, regionsWith} from '../auth/catalog.js'
import {listImages} from '../clients/glance/images.js'
import {listPods} from '../clients/tricircle/pods.js'
import {listServices} from '../clients/zun/services.js'
import {ZUN_SERVICE_TYPE, zunClient} from '../clients/zun/client.js'
import {ApiError, MrctlError} from '../core/errors.js'
import {TRICIRCLE_SERVICE_TYPE} from './pod-bootstrap.js'

/**
 * `mrctl doctor`: is this cloud ready for multi-region containers? Each check gives pass, fail,
 * warn (worth knowing, not a failure) or skip (could not be run), the time it took and a hint.
 * Authentication runs first (a fresh token, whose issued_at also tells the clock skew); every
 * other check then runs in parallel. One failing check never stops the others.
 */

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip'

export interface CheckResult {
  check: string
  /** '' for checks that are not about one region. */
  region: string
  status: CheckStatus
  ms: number
  detail: string
  hint: string
}

export interface DoctorOptions {
  /** Only these regions (`--region`, repeatable); default: the cloud's regions, else every catalog region. */
  regions?: string[]
  /** Default: the region that offers Tricircle. */
  central?: string
  /** Largest clock difference still passing, in seconds (default 60). */
  maxSkewSeconds?: number
}

/** What a check found, before it is timed. */
interface Found {
  status: CheckStatus
  detail: string
  hint?: string
}

export const REQUIRED_IN_CENTRAL = ['network', TRICIRCLE_SERVICE_TYPE]
export const REQUIRED_IN_POD = ['network', 'image', ZUN_SERVICE_TYPE]
export const OPTIONAL_IN_POD = ['load-balancer']

async function timed(check: string, region: string, fn: () => Promise<Found>): Promise<CheckResult> {
  const started = performance.now()
  let found: Found
  try {
    found = await fn()
  } catch (error) {
    const e = error as MrctlError
    found = {status: 'fail', detail: e.message, hint: e.actions?.[0] ?? hintFor(e)}
  }
  return {check, region, status: found.status, ms: Math.round(performance.now() - started), detail: found.detail, hint: found.hint ?? ''}
}

function hintFor(e: Error): string {
  if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return 'this check needs a token with the admin role (use an admin cloud)'
  if (e instanceof ApiError && e.status >= 500) return `the service answered ${e.status}: look at its log`
  if (e instanceof ApiError) return ''
  return 'is the service running, and is its catalog URL right? (mrctl catalog list)'
}

const skipped = (check: string, region: string, why: string, hint = ''): CheckResult => ({check, region, status: 'skip', ms: 0, detail: why, hint})

/** `{"versions": [...]}`, `{"versions": {"values": [...]}}` or `{"version": {...}}` → "v2.0 CURRENT". */
export function describeVersions(doc: unknown): string | undefined {
  const d = doc as {versions?: unknown; version?: {id?: string; status?: string}}
  const list = Array.isArray(d?.versions)
    ? d.versions
    : Array.isArray((d?.versions as {values?: unknown})?.values)
      ? (d.versions as {values: unknown[]}).values
      : d?.version
        ? [d.version]
        : undefined
  if (!list || list.length === 0) return undefined
  const vs = list as Array<{id?: string; status?: string}>
  const best = vs.find((v) => /^(CURRENT|stable)$/i.test(v.status ?? '')) ?? vs.at(-1)!
  return `${best.id ?? '?'} ${best.status ?? ''}`.trim()
}

/** The server root of a catalog URL: `/v2.0`, `/v1`, `/v3`… and what follows dropped. */
export function versionRoot(url: string): string {
  return `${url.replace(/\/+$/, '').replace(/\/v\d+(\.\d+)?(\/.*)?$/, '')}/`
}

async function versionDocument(c: ServiceClient, url: string): Promise<Found> {
  const res = await c.request('GET', versionRoot(url), {okStatuses: [300]})
  const versions = describeVersions(res.data)
  if (!versions) return {status: 'fail', detail: `${versionRoot(url)} answered ${res.status} without a version document`, hint: 'is this URL the service, or a proxy in front of it?'}
  return {status: 'pass', detail: `${versionRoot(url)}: ${versions}`}
}

function clockCheck(t: TokenData, before: number, after: number, maxSkewSeconds: number): Found {
  const issued = Date.parse(t.issuedAt)
  if (Number.isNaN(issued)) return {status: 'skip', detail: `Keystone gave no usable issued_at (${t.issuedAt})`}
  // The token was issued between `before` and `after` by our clock; Fernet keeps whole seconds.
  const skew = issued < before - 1000 ? issued - before + 1000 : issued > after ? issued - after : 0
  const seconds = Math.round(Math.abs(skew) / 100) / 10
  const detail = skew === 0 ? "Keystone's clock agrees with ours" : `Keystone's clock is ${seconds} s ${skew > 0 ? 'ahead of' : 'behind'} ours`
  if (Math.abs(skew) > maxSkewSeconds * 1000) {
    return {status: 'fail', detail, hint: 'tokens may look expired or not yet valid: synchronise the clocks (chrony or systemd-timesyncd)'}
  }
  return {status: 'pass', detail}
}

function catalogCheck(catalog: CatalogEntry[], region: string, central: string, iface: string): Found {
  const offered = catalog.filter((s) => regionsWith([s], s.type, iface).includes(region)).map((s) => s.type).sort()
  if (!allRegions(catalog).includes(region)) {
    return {status: 'fail', detail: `${region} is not in the catalog`, hint: `regions of the catalog: ${allRegions(catalog).join(', ')}`}
  }
  const required = region === central ? REQUIRED_IN_CENTRAL : REQUIRED_IN_POD
  const missing = required.filter((t) => !offered.includes(t))
  const detail = `offers ${offered.join(', ') || 'nothing'}`
  if (missing.length) {
    return {status: 'fail', detail: `${detail}; no ${missing.join(', ')}`, hint: `register the ${missing.join(', ')} endpoint${missing.length > 1 ? 's' : ''} of ${region} in Keystone (mrctl catalog list)`}
  }
  const optional = region === central ? [] : OPTIONAL_IN_POD.filter((t) => !offered.includes(t))
  if (optional.length) return {status: 'warn', detail: `${detail}; no ${optional.join(', ')}`, hint: `load balancers cannot be made in ${region}`}
  return {status: 'pass', detail}
}

async function podsCheck(c: ServiceClient, central: string, podRegions: string[]): Promise<Found> {
  const pods = await listPods(c)
  const top = pods.find((p) => p.az_name === '')
  const missing = podRegions.filter((r) => !pods.some((p) => p.region_name === r && p.az_name !== ''))
  const problems: string[] = []
  if (!top) problems.push('no central pod')
  else if (top.region_name !== central) problems.push(`the central pod is ${top.region_name}, not ${central}`)
  if (missing.length) problems.push(`no pod for ${missing.join(', ')}`)
  const summary = pods.map((p) => (p.az_name ? `${p.region_name} (${p.az_name})` : `${p.region_name} (central)`)).join(', ') || 'none'
  if (problems.length) {
    return {
      status: 'fail',
      detail: `${problems.join('; ')}; pods: ${summary}`,
      hint: `mrctl multiregion networking pod bootstrap${missing.map((r, i) => ` --az ${r}=az${i + 1}`).join('')}`,
    }
  }
  return {status: 'pass', detail: summary}
}

async function zunServicesCheck(c: ServiceClient): Promise<Found> {
  const services = await listServices(c)
  if (services.length === 0) return {status: 'fail', detail: 'no Zun service has registered', hint: 'start zun-compute (sudo systemctl start devstack@zun-compute)'}
  const bad = services.filter((s) => s.state !== 'up' || s.disabled)
  const list = services.map((s) => `${s.binary}@${s.host} ${s.state}${s.disabled ? ' (disabled)' : ''}`).join(', ')
  if (bad.length) return {status: 'fail', detail: list, hint: 'restart the down ones (sudo systemctl restart devstack@zun*) or enable them (mrctl appcontainer service enable)'}
  return {status: 'pass', detail: list}
}

async function dockerImageCheck(c: ServiceClient): Promise<Found> {
  const images = (await listImages(c, {status: 'active'})).filter((i) => i.container_format === 'docker')
  if (images.length === 0) {
    return {
      status: 'fail',
      detail: 'no active image with container_format docker',
      hint: `upload one: mrctl image create --os-region-name ${c.region} --file IMAGE.tar --container-format docker --disk-format raw NAME`,
    }
  }
  const names = images.map((i) => i.name ?? i.id)
  return {status: 'pass', detail: names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')}
}

/** The regions and central region the checks are about. */
export function doctorScope(catalog: CatalogEntry[], configured: string[], iface: string, opts: DoctorOptions): {regions: string[]; central?: string} {
  const tricircle = regionsWith(catalog, TRICIRCLE_SERVICE_TYPE, iface)
  const central = opts.central ?? (tricircle.length === 1 ? tricircle[0] : undefined)
  const regions = opts.regions?.length ? [...new Set(opts.regions)] : configured.length ? configured : allRegions(catalog)
  return {regions, central}
}

export async function runDoctor(session: Session, opts: DoctorOptions = {}): Promise<CheckResult[]> {
  let token: TokenData | undefined
  let before = 0
  let after = 0
  const auth = await timed('authentication', '', async () => {
    before = Date.now()
    await session.refresh()
    token = await session.tokenData()
    after = Date.now()
    return {status: 'pass', detail: `${token.userName ?? token.userId} in project ${token.projectName ?? token.projectId ?? '-'}, roles ${token.roles.join(', ') || 'none'}`}
  })
  if (!token) return [auth, skipped('clock', '', 'no token', 'fix authentication first')]
  const t = token
  const clock: CheckResult =
    session.config.authType === 'token'
      ? skipped('clock', '', 'the token was given (--os-token), not issued now', 'authenticate with a password or application credential to check the clock')
      : {check: 'clock', region: '', ms: 0, hint: '', ...clockCheck(t, before, after, opts.maxSkewSeconds ?? 60)}
  const iface = session.config.interface
  const {regions, central} = doctorScope(t.catalog, session.config.regions, iface, opts)
  const podRegions = regions.filter((r) => r !== central)
  const jobs: Array<Promise<CheckResult>> = [
    timed('endpoint identity', '', () => versionDocument(session.identityClient(), session.identityClient().baseUrl)),
  ]
  for (const region of regions) {
    jobs.push(timed('catalog', region, async () => catalogCheck(t.catalog, region, central ?? '', iface)))
    for (const type of [...new Set(t.catalog.map((s) => s.type))].filter((x) => x !== 'identity')) {
      if (!regionsWith(t.catalog, type, iface).includes(region)) continue
      const url = findEndpoint(t.catalog, type, region, iface)
      jobs.push(timed(`endpoint ${type}`, region, async () => versionDocument(await session.client(type, region), url)))
    }
  }
  if (central === undefined) {
    jobs.push(timed('pods', '', async () => ({status: 'fail', detail: 'no single region offers Tricircle, so there is no central region', hint: 'name it with --central-region'})))
  } else if (regionsWith(t.catalog, TRICIRCLE_SERVICE_TYPE, iface).includes(central)) {
    jobs.push(timed('pods', central, async () => podsCheck(await session.client(TRICIRCLE_SERVICE_TYPE, central), central, podRegions)))
  } else {
    jobs.push(timed('pods', central, async () => ({status: 'fail', detail: `${central} offers no Tricircle endpoint`, hint: 'is --central-region right? (mrctl catalog list)'})))
  }
  for (const region of podRegions) {
    if (regionsWith(t.catalog, ZUN_SERVICE_TYPE, iface).includes(region)) {
      jobs.push(timed('zun services', region, async () => zunServicesCheck(await zunClient(session, region))))
      if (regionsWith(t.catalog, 'image', iface).includes(region)) {
        jobs.push(timed('docker image', region, async () => dockerImageCheck(await session.client('image', region))))
      } else jobs.push(Promise.resolve(skipped('docker image', region, 'no image service in this region')))
    } else jobs.push(Promise.resolve(skipped('zun services', region, 'no container service in this region')))
  }
  return [auth, clock, ...(await Promise.all(jobs))]
}

/** Exit 1 when a check failed. */
export function doctorExitCode(results: CheckResult[]): number | undefined {
  return results.some((r) => r.status === 'fail') ? 1 : undefined
}

export function doctorTable(results: CheckResult[]): {headers: string[]; rows: Array<Array<string | number>>} {
  return {
    headers: ['Check', 'Region', 'Result', 'Latency (ms)', 'Detail', 'Hint'],
    rows: results.map((r) => [r.check, r.region, r.status, r.ms, r.detail, r.hint]),
  }
}
