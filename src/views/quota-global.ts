import type {GlobalLimits} from '../profiles/global-limits.js'
import type {GlobalCheckRow, SyncStep, SyncWrite} from '../orchestration/quota-global.js'
import type {ListView} from './common.js'

import {limitedResources} from '../orchestration/quota-global.js'

/** The stored global limits of a project. */
export function globalLimitsView(limits: GlobalLimits): ListView {
  return {headers: ['Resource', 'Service', 'Global Limit'], rows: limitedResources(limits).map((r) => [r.name, r.service, limits[r.name]])}
}

/** `quota global check`: the summed use against each global limit, with each region's share. */
export function globalCheckView(rows: GlobalCheckRow[]): ListView {
  return {
    headers: ['Resource', 'Global Limit', 'In Use', 'By Region', 'Status'],
    rows: rows.map((r) => [
      r.resource,
      r.globalLimit,
      r.inUse,
      r.perRegion,
      r.status === 'over' ? `over by ${r.over}` : r.status,
    ]),
    human: {'By Region': (v) => Object.entries(v as Record<string, number>).map(([k, n]) => `${k}=${n}`).join(', ')},
  }
}

/** `quota global sync`: per region and resource, the limit now, the one set, and why. */
export function globalSyncView(steps: SyncStep[], writes: SyncWrite[] | undefined): ListView {
  const outcome = (s: SyncStep): string => {
    if (!s.changed) return 'unchanged'
    if (!writes) return 'would set'
    const w = writes.find((x) => x.region === s.region && x.service === s.service)
    return w?.error ? 'failed' : 'set'
  }
  return {
    headers: ['Region', 'Resource', 'In Use', 'Limit', 'New Limit', 'Reason', 'Result'],
    rows: steps.map((s) => [s.region, s.resource, s.inUse, s.current, s.next, s.reason, outcome(s)]),
  }
}
