import type {RegionUsage, ServiceUsage} from '../orchestration/quota-usage.js'
import type {ListView} from './common.js'

import {QUOTA_RESOURCES} from '../orchestration/quota-usage.js'

export const TOTAL_ROW = 'Total'

/**
 * `quota show --all-regions`: one row per region and resource (services in a fixed order,
 * regions as given), then a `Total` row per resource. -1 is unlimited, as the APIs say it.
 */
export function quotaRegionsView(rows: RegionUsage[], totals: ServiceUsage): ListView {
  const headers = ['Region', 'Service', 'Resource', 'Limit', 'In Use']
  const out: unknown[][] = []
  for (const r of QUOTA_RESOURCES) {
    for (const row of rows) {
      const u = row.usage?.[r.name]
      if (u) out.push([row.region, row.service, r.name, u.limit, u.inUse])
    }
    const t = totals[r.name]
    if (t) out.push([TOTAL_ROW, r.service, r.name, t.limit, t.inUse])
  }
  return {headers, rows: out}
}
