import type {Caller, NeutronStore, Rec} from './store.js'

/** Neutron's response bodies: the key order of the real server's GET, admin-only keys hidden. */

const NETWORK = [
  'id', 'name', 'tenant_id', 'admin_state_up', 'mtu', 'status', 'subnets', 'shared', 'availability_zone_hints',
  'availability_zones', 'ipv4_address_scope', 'ipv6_address_scope', 'router:external', 'description',
  'port_security_enabled', 'tags', 'created_at', 'updated_at', 'revision_number', 'project_id',
]
const NETWORK_ADMIN = ['provider:network_type', 'provider:physical_network', 'provider:segmentation_id']

const SUBNET = [
  'id', 'name', 'tenant_id', 'network_id', 'ip_version', 'subnetpool_id', 'enable_dhcp', 'ipv6_ra_mode',
  'ipv6_address_mode', 'gateway_ip', 'cidr', 'allocation_pools', 'host_routes', 'dns_nameservers', 'description',
  'service_types', 'tags', 'created_at', 'updated_at', 'revision_number', 'project_id',
]

const PORT_HEAD = [
  'id', 'name', 'network_id', 'tenant_id', 'mac_address', 'admin_state_up', 'status', 'device_id', 'device_owner',
  'fixed_ips', 'allowed_address_pairs', 'extra_dhcp_opts', 'security_groups', 'description',
]
const PORT_BINDING = ['binding:vnic_type', 'binding:profile', 'binding:host_id', 'binding:vif_type', 'binding:vif_details']
const PORT_TAIL = ['port_security_enabled', 'tags', 'created_at', 'updated_at', 'revision_number', 'project_id']

const ROUTER = [
  'id', 'name', 'tenant_id', 'admin_state_up', 'status', 'external_gateway_info', 'description', 'availability_zones',
  'distributed', 'ha', 'availability_zone_hints', 'routes', 'flavor_id', 'tags', 'created_at', 'updated_at',
  'revision_number', 'project_id',
]

const RULE = [
  'id', 'tenant_id', 'security_group_id', 'ethertype', 'direction', 'protocol', 'port_range_min', 'port_range_max',
  'remote_ip_prefix', 'remote_address_group_id', 'normalized_cidr', 'remote_group_id', 'description', 'created_at',
  'updated_at', 'revision_number', 'project_id',
]
const RULE_IN_GROUP = [
  'id', 'tenant_id', 'security_group_id', 'ethertype', 'direction', 'protocol', 'port_range_min', 'port_range_max',
  'remote_ip_prefix', 'remote_address_group_id', 'normalized_cidr', 'remote_group_id', 'standard_attr_id',
  'description', 'tags', 'created_at', 'updated_at', 'revision_number', 'project_id',
]
const GROUP_HEAD = ['id', 'name', 'stateful', 'tenant_id', 'description', 'shared']
const GROUP_TAIL = ['tags', 'created_at', 'updated_at', 'revision_number', 'project_id']

function pick(r: Rec, keys: string[]): Rec {
  const out: Rec = {}
  for (const k of keys) out[k] = structuredClone(r[k] ?? null)
  return out
}

export type ViewFn = (s: NeutronStore, ctx: Caller, r: Rec) => Rec

export const views: Record<string, ViewFn> = {
  networks: (s, ctx, r) => {
    const v = pick(r, NETWORK)
    v.subnets = s.data.subnets.filter((x) => x.network_id === r.id).map((x) => x.id)
    if (ctx.isAdmin) Object.assign(v, pick(r, NETWORK_ADMIN))
    return v
  },
  subnets: (_s, _ctx, r) => pick(r, SUBNET),
  ports: (_s, ctx, r) => ({...pick(r, PORT_HEAD), ...(ctx.isAdmin ? pick(r, PORT_BINDING) : {}), ...pick(r, PORT_TAIL)}),
  routers: (_s, ctx, r) => {
    const v = pick(r, ROUTER)
    if (!ctx.isAdmin) {
      delete v.distributed
      delete v.ha
    }
    return v
  },
  security_groups: (s, _ctx, r) => ({
    ...pick(r, GROUP_HEAD),
    security_group_rules: s.data.security_group_rules.filter((x) => x.security_group_id === r.id).map((x) => pick(x, RULE_IN_GROUP)),
    ...pick(r, GROUP_TAIL),
  }),
  security_group_rules: (_s, _ctx, r) => pick(r, RULE),
}

/** The singular resource key of a collection (`networks` → `network`). */
export const SINGULAR: Record<string, string> = {
  networks: 'network',
  subnets: 'subnet',
  ports: 'port',
  routers: 'router',
  security_groups: 'security_group',
  security_group_rules: 'security_group_rule',
}

/** URL collection names → data keys. */
export const COLLECTIONS: Record<string, string> = {
  networks: 'networks',
  subnets: 'subnets',
  ports: 'ports',
  routers: 'routers',
  'security-groups': 'security_groups',
  'security-group-rules': 'security_group_rules',
}
