import type {Counted, Overview, OverviewRegion, QuotaHighlight} from '../orchestration/overview.js'
import type {ListView} from './common.js'

/** A quota use this close to its limit is marked with `!` (at or over it: `!!`). */
export const HIGHLIGHT_PERCENT = 80
/** How many quota resources get a row of their own (those nearest their limit anywhere). */
const QUOTA_ROWS = 5

type Column = Omit<OverviewRegion, 'region' | 'latencyMs' | 'failures'> & {latencyMs?: Record<string, number>}

function mark(percent: number): string {
  return percent >= 100 ? ' !!' : percent >= HIGHLIGHT_PERCENT ? ' !' : ''
}

export function quotaCell(h: Pick<QuotaHighlight, 'percent' | 'inUse' | 'limit'>): string {
  return `${h.percent}% (${h.inUse}/${h.limit})${mark(h.percent)}`
}

const dash = (v: unknown) => (v === undefined ? '-' : v)

/**
 * The overview as one table: a row per measure, a column per region and a Total column. Missing
 * services show `-`. Counts by status or format come under their resource, indented.
 */
export function overviewView(o: Overview): ListView {
  const cols: Column[] = [...o.regions, o.totals]
  const rows: unknown[][] = []
  const row = (label: string, cell: (c: Column) => unknown) => rows.push([label, ...cols.map((c) => dash(cell(c)))])
  const breakdown = (label: string, get: (c: Column) => Counted | undefined, key: string, prefix = '') => {
    const values = [...new Set(cols.flatMap((c) => Object.keys(get(c)?.by[key] ?? {})))].sort()
    for (const v of values) row(`  ${prefix}${v}`, (c) => (get(c) ? (get(c)!.by[key]?.[v] ?? 0) : undefined))
  }

  row('networks', (c) => c.networks)
  row('subnets', (c) => c.subnets)
  row('ports', (c) => c.ports)
  row('routers', (c) => c.routers)
  row('security groups', (c) => c.securityGroups)
  row('images', (c) => c.images?.total)
  breakdown('images', (c) => c.images, 'status')
  breakdown('images', (c) => c.images, 'disk_format', 'format ')
  row('containers', (c) => c.containers?.total)
  breakdown('containers', (c) => c.containers, 'status')
  row('  cpu in use', (c) => c.containers?.cpu)
  row('  memory in use (MiB)', (c) => c.containers?.memoryMiB)
  row('load balancers', (c) => c.loadBalancers?.total)
  breakdown('load balancers', (c) => c.loadBalancers, 'provisioning_status', 'provisioning ')
  breakdown('load balancers', (c) => c.loadBalancers, 'operating_status', 'operating ')
  row('pods', (c) => c.pods)

  // The quota uses nearest their limit: the region's top one, then a row for each of the top resources.
  row('quota nearest limit', (c) => {
    if (c === o.totals) return undefined
    const top = o.nearest.find((h) => h.region === (c as OverviewRegion).region)
    return top ? `${top.resource} ${top.percent}%${mark(top.percent)}` : undefined
  })
  const resources = [...new Set(o.nearest.map((h) => h.resource))].slice(0, QUOTA_ROWS)
  for (const resource of resources) {
    row(`  ${resource}`, (c) => {
      const u = c.quota[resource]
      if (!u) return undefined
      if (u.limit < 0) return `${u.inUse} (unlimited)`
      const percent = u.limit === 0 ? (u.inUse > 0 ? 100 : 0) : Math.round((u.inUse / u.limit) * 1000) / 10
      return quotaCell({percent, inUse: u.inUse, limit: u.limit})
    })
  }

  const services = [...new Set(o.regions.flatMap((r) => Object.keys(r.latencyMs)))]
  for (const s of services) row(`latency ${s} (ms)`, (c) => c.latencyMs?.[s])
  return {headers: ['', ...o.regions.map((r) => r.region), 'Total'], rows}
}
