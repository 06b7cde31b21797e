import type {Port} from '../clients/neutron/ports.js'
import type {ListView, ShowColumn, ShowView} from './common.js'

import {adminState, dictColumn, listColumn, listDictColumn, showView, withRegion} from './common.js'

const SHORT = ['ID', 'Name', 'MAC Address', 'Fixed IP Addresses', 'Status']
const LONG = [...SHORT, 'Security Groups', 'Device Owner', 'Tags']

/**
 * `port list`. One deliberate difference: `openstack port list --long` asks Neutron for
 * `fields=security_group_ids`, a name Neutron does not know, so its Security Groups column is
 * always None. mrctl shows the port's real security groups.
 */
export function portListView(items: Array<{region: string; item: Port}>, opts: {long?: boolean; regionColumn?: boolean} = {}): ListView {
  const short = (p: Port) => [p.id, p.name, p.mac_address, p.fixed_ips, p.status]
  const row = opts.long ? (p: Port) => [...short(p), p.security_groups ?? null, p.device_owner, p.tags ?? []] : short
  return {
    ...withRegion(items, Boolean(opts.regionColumn), opts.long ? LONG : SHORT, row),
    human: {'Fixed IP Addresses': listDictColumn, 'Security Groups': listColumn, Tags: listColumn},
  }
}

/** osc-lib DictColumn gives `{}` for None in json/yaml/value output. */
const dictOrEmpty = (key: string) => (p: Record<string, unknown>) => p[key] ?? {}

/**
 * openstacksdk's Port attributes after OSC's column map (`binding:host_id` → `binding_host_id`…,
 * `security_groups` → `security_group_ids`), with `location` and `tenant_id` hidden.
 */
const PORT_COLUMNS: ShowColumn[] = [
  {name: 'admin_state_up', human: adminState},
  {name: 'allowed_address_pairs', human: listDictColumn},
  {name: 'binding_host_id', from: 'binding:host_id'},
  {name: 'binding_profile', from: dictOrEmpty('binding:profile'), human: dictColumn},
  {name: 'binding_vif_details', from: dictOrEmpty('binding:vif_details'), human: dictColumn},
  {name: 'binding_vif_type', from: 'binding:vif_type'},
  {name: 'binding_vnic_type', from: 'binding:vnic_type'},
  {name: 'created_at'},
  {name: 'data_plane_status'},
  {name: 'description'},
  {name: 'device_id'},
  {name: 'device_owner'},
  {name: 'device_profile'},
  {name: 'dns_assignment', human: listDictColumn},
  {name: 'dns_domain'},
  {name: 'dns_name'},
  {name: 'extra_dhcp_opts', human: listDictColumn},
  {name: 'fixed_ips', human: listDictColumn},
  {name: 'id'},
  {name: 'ip_allocation'},
  {name: 'mac_address'},
  {name: 'name'},
  {name: 'network_id'},
  {name: 'numa_affinity_policy'},
  {name: 'port_security_enabled', absent: false},
  {name: 'project_id', from: (p) => p.project_id ?? p.tenant_id},
  {name: 'propagate_uplink_status'},
  {name: 'qos_network_policy_id'},
  {name: 'qos_policy_id'},
  {name: 'resource_request'},
  {name: 'revision_number'},
  {name: 'security_group_ids', from: 'security_groups', human: listColumn},
  {name: 'status'},
  {name: 'tags', human: listColumn, absent: []},
  {name: 'trunk_details'},
  {name: 'updated_at'},
]

export function portShowView(p: Port): ShowView {
  return showView(p, PORT_COLUMNS)
}
