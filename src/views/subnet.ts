import type {Subnet} from '../clients/neutron/subnets.js'
import type {Fmt, ListView, ShowColumn, ShowView} from './common.js'

import {listColumn, raw, routesColumn, showView, withRegion} from './common.js'

/** OSC's AllocationPoolsColumn: `start-end` pairs joined with ",". */
export const allocationPools: Fmt = (v) =>
  Array.isArray(v) ? v.map((p: {start?: string; end?: string}) => `${p.start ?? ''}-${p.end ?? ''}`).join(',') : raw(v)

const SHORT = ['ID', 'Name', 'Network', 'Subnet']
const LONG = [...SHORT, 'Project', 'DHCP', 'Name Servers', 'Allocation Pools', 'Host Routes', 'IP Version', 'Gateway', 'Service Types', 'Tags']

export function subnetListView(items: Array<{region: string; item: Subnet}>, opts: {long?: boolean; regionColumn?: boolean} = {}): ListView {
  const short = (s: Subnet) => [s.id, s.name, s.network_id, s.cidr]
  const row = opts.long
    ? (s: Subnet) => [
        ...short(s),
        s.project_id,
        s.enable_dhcp,
        s.dns_nameservers,
        s.allocation_pools,
        s.host_routes,
        s.ip_version,
        s.gateway_ip,
        s.service_types ?? null,
        s.tags ?? [],
      ]
    : short
  return {
    ...withRegion(items, Boolean(opts.regionColumn), opts.long ? LONG : SHORT, row),
    human: {
      'Name Servers': listColumn,
      'Allocation Pools': allocationPools,
      'Host Routes': routesColumn,
      'Service Types': listColumn,
      Tags: listColumn,
    },
  }
}

/**
 * openstacksdk's Subnet attributes after OSC's column map (`is_dhcp_enabled` → `enable_dhcp`,
 * `subnet_pool_id` → `subnetpool_id`), with `location`, `use_default_subnet_pool`,
 * `prefix_length` and `tenant_id` hidden.
 */
const SUBNET_COLUMNS: ShowColumn[] = [
  {name: 'allocation_pools', human: allocationPools},
  {name: 'cidr'},
  {name: 'created_at'},
  {name: 'description'},
  {name: 'dns_nameservers', human: listColumn},
  {name: 'dns_publish_fixed_ip'},
  {name: 'enable_dhcp'},
  {name: 'gateway_ip'},
  {name: 'host_routes', human: routesColumn},
  {name: 'id'},
  {name: 'ip_version'},
  {name: 'ipv6_address_mode'},
  {name: 'ipv6_ra_mode'},
  {name: 'name'},
  {name: 'network_id'},
  {name: 'project_id', from: (s) => s.project_id ?? s.tenant_id},
  {name: 'revision_number'},
  {name: 'segment_id'},
  {name: 'service_types', human: listColumn},
  {name: 'subnetpool_id'},
  {name: 'tags', human: listColumn, absent: []},
  {name: 'updated_at'},
]

export function subnetShowView(s: Subnet): ShowView {
  return showView(s, SUBNET_COLUMNS)
}
