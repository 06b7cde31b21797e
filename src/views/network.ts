import type {Network} from '../clients/neutron/networks.js'
import type {ListView} from './common.js'

import {adminState, routerExternal, withRegion} from './common.js'

const SHORT = ['ID', 'Name', 'Subnets']
const LONG = ['ID', 'Name', 'Status', 'Project', 'State', 'Shared', 'Subnets', 'Network Type', 'Router Type', 'Availability Zones', 'Tags']

export function networkListView(
  items: Array<{region: string; item: Network}>,
  opts: {long?: boolean; regionColumn?: boolean} = {},
): ListView {
  const row = opts.long
    ? (n: Network) => [
        n.id,
        n.name,
        n.status,
        n.project_id,
        n.admin_state_up,
        n.shared,
        n.subnets,
        n['provider:network_type'] ?? null,
        n['router:external'] ?? false,
        n.availability_zones ?? [],
        n.tags ?? [],
      ]
    : (n: Network) => [n.id, n.name, n.subnets]
  return {...withRegion(items, Boolean(opts.regionColumn), opts.long ? LONG : SHORT, row), human: {State: adminState, 'Router Type': routerExternal}}
}

/** `network show`: every field, sorted by name, as openstacksdk's columns are. */
export function networkShowView(n: Network): {fields: string[]; values: unknown[]; human: Record<string, (v: unknown) => string>} {
  const fields = Object.keys(n)
    .filter((k) => k !== 'tenant_id')
    .sort()
  return {fields, values: fields.map((f) => n[f]), human: {admin_state_up: adminState, 'router:external': routerExternal}}
}
