import type {Session} from '../auth/session.js'
import type {ServiceClient} from '../http/service-client.js'

import {ExitCode} from '../core/exit-codes.js'
import {MrctlError} from '../core/errors.js'
import {fanout, summarise} from './fanout.js'

export interface RegionSelection {
  /** `--region`, repeatable. */
  regions?: string[]
  /** `--all-regions`. */
  all?: boolean
}

/** The regions a list command targets: every region offering the service, the named ones, or the session's region. */
export async function targetRegions(session: Session, serviceType: string, sel: RegionSelection): Promise<string[]> {
  if (sel.all) return session.regionsFor(serviceType)
  if (sel.regions?.length) return [...new Set(sel.regions)]
  return [session.config.region ?? '']
}

export interface RegionRows<T> {
  /** True when more than one region was asked: the output gets a Region column. */
  multi: boolean
  items: Array<{region: string; item: T}>
  failures: Array<{region: string; error: Error}>
}

/**
 * Lists in each target region in parallel. With one region, its error is the command's error.
 * With several, each failure is reported by the caller and the others are still returned; if
 * every region failed, the first error is thrown.
 */
export async function listInRegions<T>(
  session: Session,
  serviceType: string,
  sel: RegionSelection,
  list: (client: ServiceClient) => Promise<T[]>,
): Promise<RegionRows<T>> {
  return listInRegionsBy(session, serviceType, sel, async (region) => list(await session.client(serviceType, region)))
}

/**
 * `listInRegions` for clients built another way (Zun's negotiates its microversion): `list` gets
 * the region name, or undefined for the session's own region.
 */
export async function listInRegionsBy<T>(
  session: Session,
  serviceType: string,
  sel: RegionSelection,
  list: (region: string | undefined) => Promise<T[]>,
): Promise<RegionRows<T>> {
  const regions = await targetRegions(session, serviceType, sel)
  const multi = regions.length > 1 || Boolean(sel.all)
  if (!multi) {
    const items = await list(regions[0] || undefined)
    return {multi, items: items.map((item) => ({region: regions[0], item})), failures: []}
  }
  // One token for every region: get it once before the fan-out.
  await session.tokenData()
  const results = summarise(await fanout(regions, async (r) => list(r)))
  if (results.values.length === 0) throw everyRegionFailed(results.failures)
  return {
    multi,
    items: results.values.flatMap(({region, value}) => value.map((item) => ({region, item}))),
    failures: results.failures,
  }
}

/** The error of a fan-out in which no region answered: each region's error, the first one's actions. */
export function everyRegionFailed(failures: Array<{region: string; error: Error}>): MrctlError {
  const first = failures[0]?.error
  return new MrctlError(`every region failed: ${failures.map((f) => `${f.region}: ${f.error.message}`).join('; ')}`, {
    actions: first instanceof MrctlError ? first.actions : [],
  })
}

/** The exit code for a fan-out: 3 when some regions failed. */
export function fanoutExitCode(failures: unknown[]): number | undefined {
  return failures.length ? ExitCode.Partial : undefined
}
