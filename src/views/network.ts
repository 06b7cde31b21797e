import type {Network} from '../clients/neutron/networks.js'
import type {ListView, ShowColumn, ShowView} from './common.js'

import {adminState, listColumn, routerExternal, showView, withRegion} from './common.js'

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
        n.availability_zones ?? null,
        n.tags ?? [],
      ]
    : (n: Network) => [n.id, n.name, n.subnets]
  return {
    ...withRegion(items, Boolean(opts.regionColumn), opts.long ? LONG : SHORT, row),
    human: {
      State: adminState,
      'Router Type': routerExternal,
      Subnets: listColumn,
      'Availability Zones': listColumn,
      Tags: listColumn,
    },
  }
}

/**
 * The fields of `network show`/`create`: openstacksdk's Network attributes after OSC's column
 * map (`is_admin_state_up` → `admin_state_up`, `subnet_ids` → `subnets`…), `location` hidden.
 * Fields Neutron leaves out (`dns_domain`, `segments`, `is_default` on a GET…) show as None.
 */
const NETWORK_COLUMNS: ShowColumn[] = [
  {name: 'admin_state_up', human: adminState},
  {name: 'availability_zone_hints', human: listColumn},
  {name: 'availability_zones', human: listColumn},
  {name: 'created_at'},
  {name: 'description'},
  {name: 'dns_domain'},
  {name: 'id'},
  {name: 'ipv4_address_scope'},
  {name: 'ipv6_address_scope'},
  {name: 'is_default'},
  {name: 'is_vlan_transparent', from: 'vlan_transparent'},
  {name: 'mtu'},
  {name: 'name'},
  {name: 'port_security_enabled', absent: false},
  {name: 'project_id', from: (n) => n.project_id ?? n.tenant_id},
  {name: 'provider:network_type'},
  {name: 'provider:physical_network'},
  {name: 'provider:segmentation_id'},
  {name: 'qos_policy_id'},
  {name: 'revision_number'},
  {name: 'router:external', human: routerExternal, absent: false},
  {name: 'segments'},
  {name: 'shared'},
  {name: 'status'},
  {name: 'subnets', human: listColumn},
  {name: 'tags', human: listColumn, absent: []},
  {name: 'updated_at'},
]

/** `network show` and `network create`. */
export function networkShowView(n: Network): ShowView {
  return showView(n, NETWORK_COLUMNS)
}
