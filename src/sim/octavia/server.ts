import type {IncomingMessage, ServerResponse} from 'node:http'

import type {TokenInfo, TokenValidator} from '../common/auth.js'
import type {RegionNeutron} from '../neutron/region.js'

import {authenticate, origin, readJson, requestId, type ServiceHandler, SimHttpError, sendJson, sendText, UUID_RE, wantsJson, webobHtml} from '../cloud/http.js'
import {contains, ipVersion, parseCidr} from '../neutron/ip.js'
import {type Obj, OCTAVIA_DELAYS, type OctaviaStore} from './store.js'

/**
 * The simulated Octavia v2 API of one region (provider `amphora`): load balancers (VIP from a
 * Neutron subnet, network or port, with a real VIP port), listeners, pools, members, the status
 * tree, statistics, cascade delete, and the immutability of a load balancer while it is
 * PENDING_*. Transitions take the durations the real worker shows (scaled by the sim clock).
 */

export interface OctaviaOptions {
  store: OctaviaStore
  neutron: RegionNeutron
  auth: TokenValidator
  keystoneUri: string
  /** A realistic duration (ms) as the sim clock runs it. */
  duration: (realisticMs: number) => number
  onChange?: () => void
}

const LISTENER_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TERMINATED_HTTPS', 'UDP', 'SCTP', 'PROMETHEUS']
const POOL_PROTOCOLS = ['HTTP', 'HTTPS', 'PROXY', 'PROXYV2', 'TCP', 'UDP', 'SCTP']
const ALGORITHMS = ['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP', 'SOURCE_IP_PORT']
/** Which pool protocols a listener protocol takes (octavia/common/constants.py VALID_LISTENER_POOL_PROTOCOL_MAP). */
const LISTENER_POOL: Record<string, string[]> = {
  TCP: ['HTTP', 'HTTPS', 'PROXY', 'PROXYV2', 'TCP'],
  HTTP: ['HTTP', 'PROXY', 'PROXYV2'],
  HTTPS: ['HTTPS', 'PROXY', 'PROXYV2', 'TCP'],
  TERMINATED_HTTPS: ['HTTP', 'PROXY', 'PROXYV2'],
  UDP: ['UDP'],
  SCTP: ['SCTP'],
  PROMETHEUS: [],
}

/** Octavia 11's API versions and their dates (GET /). */
const OCTAVIA_VERSIONS: Array<[string, string]> = [
  ['v2.0', '2016-12-11T00:00:00Z'], ['v2.1', '2018-04-20T00:00:00Z'], ['v2.2', '2018-07-31T00:00:00Z'], ['v2.3', '2018-12-18T00:00:00Z'],
  ['v2.4', '2018-12-19T00:00:00Z'], ['v2.5', '2019-01-21T00:00:00Z'], ['v2.6', '2019-01-25T00:00:00Z'], ['v2.7', '2018-01-25T12:00:00Z'],
  ['v2.8', '2019-02-12T00:00:00Z'], ['v2.9', '2019-03-04T00:00:00Z'], ['v2.10', '2019-03-05T00:00:00Z'], ['v2.11', '2019-06-24T00:00:00Z'],
  ['v2.12', '2019-09-11T00:00:00Z'], ['v2.13', '2019-09-13T00:00:00Z'], ['v2.14', '2019-11-10T00:00:00Z'], ['v2.15', '2020-03-10T00:00:00Z'],
  ['v2.16', '2020-03-15T00:00:00Z'], ['v2.17', '2020-04-29T00:00:00Z'], ['v2.18', '2020-04-29T01:00:00Z'], ['v2.19', '2020-05-12T00:00:00Z'],
  ['v2.20', '2020-08-02T00:00:00Z'], ['v2.21', '2020-09-03T00:00:00Z'], ['v2.22', '2020-09-04T00:00:00Z'], ['v2.23', '2020-09-07T00:00:00Z'],
  ['v2.24', '2020-10-15T00:00:00Z'], ['v2.25', '2021-10-02T00:00:00Z'], ['v2.26', '2022-08-29T00:00:00Z'],
]

const fault = (status: number, message: string) => new SimHttpError(status, message)
const invalid = (field: string, value: unknown, why: string) => fault(400, `Invalid input for field/attribute ${field}. Value: '${value}'. ${why}`)

function links(ids: string[]): Array<{id: string}> {
  return ids.map((id) => ({id}))
}

export function createOctavia(opts: OctaviaOptions): ServiceHandler & {store: OctaviaStore; settle(): void} {
  const s = opts.store
  const neutron = opts.neutron
  const changed = () => opts.onChange?.()

  const releaseVip = (lb: Obj) => {
    try {
      neutron.deletePort({isAdmin: true, projectId: ''}, lb.vip_port_id)
    } catch {
      // The VIP port is already gone.
    }
  }
  const settle = () => s.settle(s.now(), releaseVip)

  // ---- views (the key order of the real server's GET)

  function lbView(lb: Obj): Obj {
    return {
      id: lb.id, name: lb.name, description: lb.description, provisioning_status: lb.provisioning_status, operating_status: lb.operating_status,
      admin_state_up: lb.admin_state_up, project_id: lb.project_id, created_at: lb.created_at, updated_at: lb.updated_at,
      vip_address: lb.vip_address, vip_port_id: lb.vip_port_id, vip_subnet_id: lb.vip_subnet_id, vip_network_id: lb.vip_network_id,
      additional_vips: [],
      listeners: links(s.data.listeners.filter((l) => l.loadbalancer_id === lb.id).map((l) => l.id)),
      pools: links(s.data.pools.filter((p) => p.loadbalancer_id === lb.id).map((p) => p.id)),
      provider: 'amphora', flavor_id: null, vip_qos_policy_id: null, tags: [...lb.tags], availability_zone: lb.availability_zone, tenant_id: lb.project_id,
    }
  }

  function listenerView(l: Obj): Obj {
    return {
      id: l.id, name: l.name, description: l.description, provisioning_status: l.provisioning_status, operating_status: l.operating_status,
      admin_state_up: l.admin_state_up, protocol: l.protocol, protocol_port: l.protocol_port, connection_limit: l.connection_limit,
      default_tls_container_ref: null, sni_container_refs: [], project_id: l.project_id, default_pool_id: l.default_pool_id, l7policies: [],
      insert_headers: {...l.insert_headers}, created_at: l.created_at, updated_at: l.updated_at, loadbalancers: links([l.loadbalancer_id]),
      timeout_client_data: l.timeout_client_data, timeout_member_connect: l.timeout_member_connect, timeout_member_data: l.timeout_member_data,
      timeout_tcp_inspect: l.timeout_tcp_inspect, tags: [...l.tags], client_ca_tls_container_ref: null, client_authentication: 'NONE',
      client_crl_container_ref: null, allowed_cidrs: l.allowed_cidrs, tls_ciphers: null, tls_versions: null, alpn_protocols: null, tenant_id: l.project_id,
    }
  }

  function poolView(p: Obj): Obj {
    return {
      id: p.id, name: p.name, description: p.description, provisioning_status: p.provisioning_status, operating_status: p.operating_status,
      admin_state_up: p.admin_state_up, protocol: p.protocol, lb_algorithm: p.lb_algorithm, session_persistence: p.session_persistence,
      project_id: p.project_id, loadbalancers: links([p.loadbalancer_id]), listeners: links(p.listener_id ? [p.listener_id] : []),
      created_at: p.created_at, updated_at: p.updated_at,
      members: links(s.data.members.filter((m) => m.pool_id === p.id).map((m) => m.id)),
      tags: [...p.tags], tls_container_ref: null, ca_tls_container_ref: null, crl_container_ref: null, tls_enabled: false,
      tls_ciphers: null, tls_versions: null, alpn_protocols: null, tenant_id: p.project_id,
    }
  }

  function memberView(m: Obj): Obj {
    return {
      id: m.id, name: m.name, operating_status: m.operating_status, provisioning_status: m.provisioning_status, admin_state_up: m.admin_state_up,
      address: m.address, protocol_port: m.protocol_port, weight: m.weight, backup: m.backup, subnet_id: m.subnet_id, project_id: m.project_id,
      created_at: m.created_at, updated_at: m.updated_at, monitor_address: m.monitor_address, monitor_port: m.monitor_port, tags: [...m.tags],
      tenant_id: m.project_id,
    }
  }

  // ---- policy and lookups

  function mayRead(ctx: TokenInfo): void {
    const ok = ctx.isAdmin || ctx.roles.some((r) => ['load-balancer_member', 'load-balancer_observer', 'load-balancer_global_observer', 'load-balancer_admin'].includes(r))
    if (!ok) throw fault(403, 'Policy does not allow this request to be performed.')
  }

  function mayWrite(ctx: TokenInfo): void {
    const ok = ctx.isAdmin || ctx.roles.some((r) => ['load-balancer_member', 'load-balancer_admin'].includes(r))
    if (!ok) throw fault(403, 'Policy does not allow this request to be performed.')
  }

  const visible = (ctx: TokenInfo, o: Obj) => ctx.isAdmin || ctx.roles.includes('load-balancer_global_observer') || o.project_id === ctx.projectId

  function getLb(ctx: TokenInfo, id: string): Obj {
    const lb = s.lb(id)
    if (!lb || !visible(ctx, lb)) throw fault(404, `Load Balancer ${id} not found.`)
    return lb
  }
  function getListener(ctx: TokenInfo, id: string): Obj {
    const l = s.data.listeners.find((x) => x.id === id)
    if (!l || !visible(ctx, l)) throw fault(404, `Listener ${id} not found.`)
    return l
  }
  function getPool(ctx: TokenInfo, id: string): Obj {
    const p = s.data.pools.find((x) => x.id === id)
    if (!p || !visible(ctx, p)) throw fault(404, `Pool ${id} not found.`)
    return p
  }
  function getMember(ctx: TokenInfo, poolId: string, id: string): Obj {
    const m = s.data.members.find((x) => x.id === id && x.pool_id === poolId)
    if (!m || !visible(ctx, m)) throw fault(404, `Member ${id} not found.`)
    return m
  }

  /** 409 unless the load balancer is ACTIVE (a change is under way). */
  function mutable(lb: Obj): void {
    if (lb.provisioning_status !== 'ACTIVE') throw fault(409, `Load Balancer ${lb.id} is immutable and cannot be updated.`)
  }

  /** Starts a transition of `o`, and PENDING_UPDATE of its load balancer. */
  function begin(o: Obj, status: string, lb: Obj | undefined, realisticMs: number, then: 'ACTIVE' | 'DELETED' = 'ACTIVE'): void {
    const until = s.now() + opts.duration(realisticMs)
    o.provisioning_status = status
    o.pending = {until, then}
    if (status !== 'PENDING_CREATE') o.updated_at = s.stamp()
    if (lb && lb !== o) {
      lb.provisioning_status = 'PENDING_UPDATE'
      lb.pending = {until, then: 'ACTIVE'}
      lb.updated_at = s.stamp()
    }
  }

  function projectOf(ctx: TokenInfo, body: Obj): string {
    const given = (body.project_id ?? body.tenant_id) as string | undefined
    if (given !== undefined && given !== ctx.projectId && !ctx.isAdmin) throw fault(403, 'Policy does not allow this request to be performed.')
    return given ?? ctx.projectId
  }

  function str(body: Obj, key: string, max = 255): string | undefined {
    const v = body[key]
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'string') throw invalid(key, v, 'Value should be string.')
    if (v.length > max) throw invalid(key, v, `Value should have a maximum character requirement of ${max}`)
    return v
  }

  function int(body: Obj, key: string, min: number, max: number): number | undefined {
    const v = body[key]
    if (v === undefined || v === null) return undefined
    if (!Number.isInteger(v)) throw invalid(key, v, 'Value should be integer format.')
    if (v < min) throw invalid(key, v, `Value should be greater or equal to ${min}`)
    if (v > max) throw invalid(key, v, `Value should be lower or equal to ${max}`)
    return v as number
  }

  function oneOf(body: Obj, key: string, allowed: string[]): string | undefined {
    const v = body[key]
    if (v === undefined) return undefined
    if (!allowed.includes(String(v))) throw invalid(key, v, `Value should be one of: ${allowed.join(', ')}`)
    return String(v)
  }

  function tags(body: Obj): string[] {
    if (body.tags === undefined) return []
    if (!Array.isArray(body.tags) || body.tags.some((t: unknown) => typeof t !== 'string')) throw invalid('tags', body.tags, 'Value should be list of strings.')
    return [...body.tags]
  }

  function unknownKeys(body: Obj, allowed: string[]): void {
    const extra = Object.keys(body).filter((k) => !allowed.includes(k))
    if (extra.length) throw fault(400, `Invalid input for field/attribute ${extra[0]}. Value: '${body[extra[0]]}'. Unknown attribute.`)
  }

  /** The fields every new object starts with. */
  function fresh(b: Obj): Obj {
    return {
      id: s.newId(),
      name: str(b, 'name') ?? '',
      description: str(b, 'description') ?? '',
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      admin_state_up: b.admin_state_up ?? true,
    }
  }

  /** The updates every object takes: name, description, admin_state_up, tags. */
  function updateCommon(o: Obj, b: Obj): void {
    const name = str(b, 'name')
    if (name !== undefined) o.name = name
    if ('description' in o) {
      const d = str(b, 'description')
      if (d !== undefined) o.description = d
    }
    if (b.admin_state_up !== undefined) o.admin_state_up = Boolean(b.admin_state_up)
    if (b.tags !== undefined) o.tags = tags(b)
  }

  // ---- load balancers

  function createLb(ctx: TokenInfo, b: Obj): Obj {
    mayWrite(ctx)
    unknownKeys(b, ['name', 'description', 'admin_state_up', 'project_id', 'tenant_id', 'vip_address', 'vip_port_id', 'vip_subnet_id', 'vip_network_id', 'vip_qos_policy_id', 'provider', 'flavor_id', 'availability_zone', 'tags', 'listeners', 'pools', 'additional_vips'])
    if (!b.vip_port_id && !b.vip_network_id && !b.vip_subnet_id) throw fault(400, 'Validation failure: VIP must contain one of: vip_port_id, vip_network_id, vip_subnet_id.')
    for (const k of ['vip_port_id', 'vip_network_id', 'vip_subnet_id']) if (b[k] !== undefined && !UUID_RE.test(String(b[k]))) throw invalid(k, b[k], 'Value should be UUID format')
    if (b.provider !== undefined && b.provider !== 'amphora') throw fault(400, `Provider '${b.provider}' is not enabled.`)
    if (b.flavor_id) throw fault(400, `Validation failure: Invalid flavor_id.`)
    if (b.availability_zone) throw fault(400, `Validation failure: Invalid availability zone.`)
    const project = projectOf(ctx, b)
    const admin = {isAdmin: true, projectId: ''}
    neutron.materializeFrom('loadbalancers', undefined, {subnet_id: b.vip_subnet_id, network_id: b.vip_network_id})
    const ns = neutron.store
    let subnet: Obj | undefined
    let port: Obj
    const id = s.newId()
    if (b.vip_port_id) {
      port = ns.data.ports.find((p) => p.id === b.vip_port_id)!
      if (!port) throw fault(400, `Validation failure: Port ${b.vip_port_id} could not be found.`)
    } else {
      if (b.vip_subnet_id) {
        subnet = ns.data.subnets.find((x) => x.id === b.vip_subnet_id)
        if (!subnet) throw fault(400, `Validation failure: Subnet ${b.vip_subnet_id} not found.`)
        if (b.vip_network_id && subnet.network_id !== b.vip_network_id) throw fault(400, `Validation failure: vip_subnet_id ${subnet.id} does not belong to network ${b.vip_network_id}.`)
      } else {
        const net = ns.data.networks.find((n) => n.id === b.vip_network_id)
        if (!net) throw fault(400, `Validation failure: Network ${b.vip_network_id} not found.`)
        subnet = ns.data.subnets.find((x) => x.network_id === net.id && x.ip_version === 4) ?? ns.data.subnets.find((x) => x.network_id === net.id)
        if (!subnet) throw fault(400, `Validation failure: Supplied network does not contain a subnet.`)
      }
      if (b.vip_address !== undefined && (!ipVersion(String(b.vip_address)) || !contains(parseCidr(subnet.cidr)!, String(b.vip_address)))) {
        throw fault(400, `Validation failure: The VIP address ${b.vip_address} is not in the subnet ${subnet.id}.`)
      }
      try {
        port = neutron.createPort(admin, {
          network_id: subnet.network_id,
          name: `octavia-lb-${id}`,
          device_owner: 'Octavia',
          device_id: `lb-${id}`,
          tenant_id: project,
          fixed_ips: [{subnet_id: subnet.id, ...(b.vip_address ? {ip_address: b.vip_address} : {})}],
        })
      } catch (error) {
        const e = error as SimHttpError
        throw fault(e.status === 409 ? 409 : 400, `Validation failure: ${e.message}`)
      }
    }
    const ip = port.fixed_ips[0]
    const lb: Obj = {
      ...fresh(b),
      id,
      project_id: project,
      created_at: s.stamp(),
      updated_at: null,
      vip_address: ip?.ip_address ?? null,
      vip_port_id: port.id,
      vip_subnet_id: ip?.subnet_id ?? null,
      vip_network_id: port.network_id,
      availability_zone: null,
      tags: tags(b),
    }
    s.data.loadbalancers.push(lb)
    begin(lb, 'PENDING_CREATE', undefined, OCTAVIA_DELAYS.create)
    return lb
  }

  function updateLb(ctx: TokenInfo, lb: Obj, b: Obj): Obj {
    mayWrite(ctx)
    unknownKeys(b, ['name', 'description', 'admin_state_up', 'vip_qos_policy_id', 'tags'])
    if (lb.provisioning_status !== 'ACTIVE') throw fault(409, `Invalid state ${lb.provisioning_status} of loadbalancer resource ${lb.id}`)
    updateCommon(lb, b)
    begin(lb, 'PENDING_UPDATE', undefined, OCTAVIA_DELAYS.update)
    return lb
  }

  function deleteLb(ctx: TokenInfo, lb: Obj, cascade: boolean): void {
    mayWrite(ctx)
    if (lb.provisioning_status !== 'ACTIVE' && lb.provisioning_status !== 'ERROR') throw fault(409, `Invalid state ${lb.provisioning_status} of loadbalancer resource ${lb.id}`)
    const hasChildren = s.data.listeners.some((l) => l.loadbalancer_id === lb.id) || s.data.pools.some((p) => p.loadbalancer_id === lb.id)
    if (hasChildren && !cascade) throw fault(400, `Validation failure: Cannot delete Load Balancer ${lb.id} - it has children`)
    begin(lb, 'PENDING_DELETE', undefined, cascade ? OCTAVIA_DELAYS.cascade : OCTAVIA_DELAYS.delete, 'DELETED')
    if (cascade) {
      for (const kind of ['listeners', 'pools'] as const) for (const o of s.data[kind]) if (o.loadbalancer_id === lb.id) o.provisioning_status = 'PENDING_DELETE'
      const pools = s.data.pools.filter((p) => p.loadbalancer_id === lb.id).map((p) => p.id)
      for (const m of s.data.members) if (pools.includes(m.pool_id)) m.provisioning_status = 'PENDING_DELETE'
    }
  }

  // ---- listeners

  function createListener(ctx: TokenInfo, b: Obj): Obj {
    mayWrite(ctx)
    unknownKeys(b, ['name', 'description', 'admin_state_up', 'protocol', 'protocol_port', 'loadbalancer_id', 'connection_limit', 'default_pool_id', 'project_id', 'tenant_id', 'insert_headers', 'timeout_client_data', 'timeout_member_connect', 'timeout_member_data', 'timeout_tcp_inspect', 'tags', 'allowed_cidrs', 'default_tls_container_ref', 'sni_container_refs', 'client_ca_tls_container_ref', 'client_authentication', 'client_crl_container_ref', 'tls_ciphers', 'tls_versions', 'alpn_protocols', 'default_pool', 'l7policies'])
    if (b.protocol === undefined) throw fault(400, 'Invalid input for field/attribute protocol. Value: \'None\'. Mandatory field missing.')
    const protocol = oneOf(b, 'protocol', LISTENER_PROTOCOLS)!
    if (b.protocol_port === undefined) throw fault(400, "Invalid input for field/attribute protocol_port. Value: 'None'. Mandatory field missing.")
    const port = int(b, 'protocol_port', 1, 65535)!
    if (!b.loadbalancer_id) throw fault(400, "Invalid input for field/attribute loadbalancer_id. Value: 'None'. Mandatory field missing.")
    if (protocol === 'TERMINATED_HTTPS') throw fault(400, 'Validation failure: An SNI or default certificate container reference must be provided for TERMINATED_HTTPS listeners.')
    const lb = s.lb(String(b.loadbalancer_id))
    if (!lb || !visible(ctx, lb)) throw fault(400, `Validation failure: Load Balancer ${b.loadbalancer_id} not found.`)
    mutable(lb)
    const proto = protocol === 'UDP' || protocol === 'SCTP' ? protocol : 'TCP'
    const clash = s.data.listeners.find((l) => l.loadbalancer_id === lb.id && l.protocol_port === port && ((l.protocol === 'UDP' || l.protocol === 'SCTP' ? l.protocol : 'TCP') === proto))
    if (clash) throw fault(409, `Another Listener on this Load Balancer is already using protocol_port ${port}`)
    if (b.default_pool_id) {
      const p = s.data.pools.find((x) => x.id === b.default_pool_id && x.loadbalancer_id === lb.id)
      if (!p) throw fault(404, `Pool ${b.default_pool_id} not found.`)
    }
    const l: Obj = {
      ...fresh(b),
      protocol,
      protocol_port: port,
      connection_limit: int(b, 'connection_limit', -1, 1_000_000) ?? -1,
      project_id: lb.project_id,
      default_pool_id: b.default_pool_id ?? null,
      insert_headers: b.insert_headers ?? {},
      created_at: s.stamp(),
      updated_at: null,
      loadbalancer_id: lb.id,
      timeout_client_data: int(b, 'timeout_client_data', 0, 31_536_000_000) ?? 50000,
      timeout_member_connect: int(b, 'timeout_member_connect', 0, 31_536_000_000) ?? 5000,
      timeout_member_data: int(b, 'timeout_member_data', 0, 31_536_000_000) ?? 50000,
      timeout_tcp_inspect: int(b, 'timeout_tcp_inspect', 0, 31_536_000_000) ?? 0,
      tags: tags(b),
      allowed_cidrs: b.allowed_cidrs ?? null,
    }
    if (b.default_pool_id) s.data.pools.find((x) => x.id === b.default_pool_id)!.listener_id = l.id
    s.data.listeners.push(l)
    begin(l, 'PENDING_CREATE', lb, OCTAVIA_DELAYS.update)
    return l
  }

  function updateListener(ctx: TokenInfo, l: Obj, b: Obj): Obj {
    mayWrite(ctx)
    unknownKeys(b, ['name', 'description', 'admin_state_up', 'connection_limit', 'default_pool_id', 'insert_headers', 'timeout_client_data', 'timeout_member_connect', 'timeout_member_data', 'timeout_tcp_inspect', 'tags', 'allowed_cidrs'])
    const lb = s.lb(l.loadbalancer_id)!
    mutable(lb)
    updateCommon(l, b)
    const cl = int(b, 'connection_limit', -1, 1_000_000)
    if (cl !== undefined) l.connection_limit = cl
    for (const k of ['timeout_client_data', 'timeout_member_connect', 'timeout_member_data', 'timeout_tcp_inspect']) {
      const v = int(b, k, 0, 31_536_000_000)
      if (v !== undefined) l[k] = v
    }
    if (b.insert_headers !== undefined) l.insert_headers = b.insert_headers
    if (b.default_pool_id !== undefined) {
      if (b.default_pool_id !== null && !s.data.pools.some((p) => p.id === b.default_pool_id && p.loadbalancer_id === lb.id)) throw fault(404, `Pool ${b.default_pool_id} not found.`)
      l.default_pool_id = b.default_pool_id
    }
    begin(l, 'PENDING_UPDATE', lb, OCTAVIA_DELAYS.update)
    return l
  }

  // ---- pools

  function createPool(ctx: TokenInfo, b: Obj): Obj {
    mayWrite(ctx)
    unknownKeys(b, ['name', 'description', 'admin_state_up', 'protocol', 'lb_algorithm', 'listener_id', 'loadbalancer_id', 'session_persistence', 'project_id', 'tenant_id', 'tags', 'tls_enabled', 'tls_container_ref', 'ca_tls_container_ref', 'crl_container_ref', 'tls_ciphers', 'tls_versions', 'alpn_protocols', 'members', 'healthmonitor'])
    if (b.protocol === undefined) throw fault(400, "Invalid input for field/attribute protocol. Value: 'None'. Mandatory field missing.")
    const protocol = oneOf(b, 'protocol', POOL_PROTOCOLS)!
    if (b.lb_algorithm === undefined) throw fault(400, "Invalid input for field/attribute lb_algorithm. Value: 'None'. Mandatory field missing.")
    const algorithm = oneOf(b, 'lb_algorithm', ALGORITHMS)!
    if (!b.listener_id && !b.loadbalancer_id) throw fault(400, 'Validation failure: Either listener_id or loadbalancer_id must be specified.')
    let listener: Obj | undefined
    let lb: Obj | undefined
    if (b.listener_id) {
      listener = s.data.listeners.find((x) => x.id === b.listener_id)
      if (!listener || !visible(ctx, listener)) throw fault(404, `Listener ${b.listener_id} not found.`)
      lb = s.lb(listener.loadbalancer_id)
      if (b.loadbalancer_id && b.loadbalancer_id !== lb?.id) throw fault(400, 'Validation failure: Listener and load balancer must be on the same load balancer.')
      if (listener.default_pool_id) throw fault(409, `Listener ${listener.id} is already using default pool ${listener.default_pool_id}.`)
      if (!(LISTENER_POOL[listener.protocol] ?? []).includes(protocol)) {
        throw fault(400, `Validation failure: The pool protocol '${protocol}' is invalid while the listener protocol is '${listener.protocol}'.`)
      }
    } else {
      lb = s.lb(String(b.loadbalancer_id))
      if (!lb || !visible(ctx, lb)) throw fault(404, `Load Balancer ${b.loadbalancer_id} not found.`)
    }
    mutable(lb!)
    const sp = b.session_persistence
    if (sp !== undefined && sp !== null && !['SOURCE_IP', 'HTTP_COOKIE', 'APP_COOKIE'].includes(sp?.type)) throw invalid('type', sp?.type, 'Value should be one of: SOURCE_IP, HTTP_COOKIE, APP_COOKIE')
    const p: Obj = {
      ...fresh(b),
      protocol,
      lb_algorithm: algorithm,
      session_persistence: sp ?? null,
      project_id: lb!.project_id,
      loadbalancer_id: lb!.id,
      listener_id: listener?.id ?? null,
      created_at: s.stamp(),
      updated_at: null,
      tags: tags(b),
    }
    s.data.pools.push(p)
    if (listener) listener.default_pool_id = p.id
    begin(p, 'PENDING_CREATE', lb, OCTAVIA_DELAYS.update)
    return p
  }

  function updatePool(ctx: TokenInfo, p: Obj, b: Obj): Obj {
    mayWrite(ctx)
    unknownKeys(b, ['name', 'description', 'admin_state_up', 'lb_algorithm', 'session_persistence', 'tags', 'tls_enabled', 'tls_container_ref', 'ca_tls_container_ref', 'crl_container_ref', 'tls_ciphers', 'tls_versions', 'alpn_protocols'])
    const lb = s.lb(p.loadbalancer_id)!
    mutable(lb)
    updateCommon(p, b)
    const alg = oneOf(b, 'lb_algorithm', ALGORITHMS)
    if (alg) p.lb_algorithm = alg
    if (b.session_persistence !== undefined) p.session_persistence = b.session_persistence
    begin(p, 'PENDING_UPDATE', lb, OCTAVIA_DELAYS.update)
    return p
  }

  // ---- members

  function createMember(ctx: TokenInfo, pool: Obj, b: Obj): Obj {
    mayWrite(ctx)
    unknownKeys(b, ['name', 'address', 'protocol_port', 'weight', 'backup', 'subnet_id', 'admin_state_up', 'monitor_address', 'monitor_port', 'project_id', 'tenant_id', 'tags'])
    if (b.address === undefined) throw fault(400, "Invalid input for field/attribute address. Value: 'None'. Mandatory field missing.")
    if (!ipVersion(String(b.address))) throw invalid('address', b.address, 'Value should be IPv4 or IPv6 format')
    if (b.protocol_port === undefined) throw fault(400, "Invalid input for field/attribute protocol_port. Value: 'None'. Mandatory field missing.")
    const port = int(b, 'protocol_port', 1, 65535)!
    const weight = int(b, 'weight', 0, 256) ?? 1
    const lb = s.lb(pool.loadbalancer_id)!
    mutable(lb)
    if (b.subnet_id !== undefined) {
      if (!UUID_RE.test(String(b.subnet_id))) throw invalid('subnet_id', b.subnet_id, 'Value should be UUID format')
      neutron.materializeSubnet(String(b.subnet_id))
      if (!neutron.store.data.subnets.some((x) => x.id === b.subnet_id)) throw fault(400, `Validation failure: Subnet ${b.subnet_id} not found.`)
    }
    if (s.data.members.some((m) => m.pool_id === pool.id && m.address === b.address && m.protocol_port === port)) {
      throw fault(409, `Another member on this pool is already using ip ${b.address} on protocol_port ${port}`)
    }
    const m: Obj = {
      id: s.newId(),
      name: str(b, 'name') ?? '',
      operating_status: 'NO_MONITOR',
      provisioning_status: 'PENDING_CREATE',
      admin_state_up: b.admin_state_up ?? true,
      address: String(b.address),
      protocol_port: port,
      weight,
      backup: b.backup ?? false,
      subnet_id: b.subnet_id ?? null,
      project_id: pool.project_id,
      created_at: s.stamp(),
      updated_at: null,
      monitor_address: b.monitor_address ?? null,
      monitor_port: int(b, 'monitor_port', 1, 65535) ?? null,
      tags: tags(b),
      pool_id: pool.id,
    }
    s.data.members.push(m)
    pool.provisioning_status = 'PENDING_UPDATE'
    pool.pending = {until: s.now() + opts.duration(OCTAVIA_DELAYS.update), then: 'ACTIVE'}
    begin(m, 'PENDING_CREATE', lb, OCTAVIA_DELAYS.update)
    return m
  }

  function updateMember(ctx: TokenInfo, m: Obj, b: Obj): Obj {
    mayWrite(ctx)
    unknownKeys(b, ['name', 'weight', 'backup', 'admin_state_up', 'monitor_address', 'monitor_port', 'tags'])
    const pool = s.data.pools.find((p) => p.id === m.pool_id)!
    const lb = s.lb(pool.loadbalancer_id)!
    mutable(lb)
    updateCommon(m, b)
    const w = int(b, 'weight', 0, 256)
    if (w !== undefined) m.weight = w
    if (b.backup !== undefined) m.backup = Boolean(b.backup)
    if (b.monitor_address !== undefined) m.monitor_address = b.monitor_address
    const mp = int(b, 'monitor_port', 1, 65535)
    if (mp !== undefined) m.monitor_port = mp
    begin(m, 'PENDING_UPDATE', lb, OCTAVIA_DELAYS.update)
    return m
  }

  function deleteChild(ctx: TokenInfo, o: Obj, lbId: string): void {
    mayWrite(ctx)
    const lb = s.lb(lbId)!
    mutable(lb)
    begin(o, 'PENDING_DELETE', lb, OCTAVIA_DELAYS.delete, 'DELETED')
  }

  // ---- lists

  function list(ctx: TokenInfo, rows: Obj[], view: (o: Obj) => Obj, key: string, query: URLSearchParams, base: string, path: string): Obj {
    mayRead(ctx)
    // Filters apply to the records, which also hold the parent IDs (loadbalancer_id, listener_id, pool_id).
    let records = rows.filter((o) => visible(ctx, o))
    const special = new Set(['limit', 'marker', 'page_reverse', 'sort', 'sort_key', 'sort_dir', 'fields'])
    const known = new Set([...Object.keys(view(records[0] ?? {tags: []})), ...Object.keys(records[0] ?? {}), 'loadbalancer_id', 'listener_id'])
    for (const k of new Set(query.keys())) {
      if (special.has(k)) continue
      const wanted = query.getAll(k)
      if (k === 'tags' || k === 'tags-any') {
        const t = wanted.flatMap((w) => w.split(','))
        records = records.filter((o) => (k === 'tags' ? t.every((x) => o.tags.includes(x)) : t.some((x) => o.tags.includes(x))))
        continue
      }
      if (!known.has(k)) throw fault(400, `Invalid filter argument: ${k}`)
      const value = (o: Obj) => (k === 'listener_id' && 'default_pool_id' in o ? undefined : k in o ? o[k] : view(o)[k])
      records = records.filter((o) => wanted.some((w) => String(value(o)) === w || (typeof value(o) === 'boolean' && String(value(o)) === w.toLowerCase())))
    }
    let out = records.map(view)
    const sortKeys = query.get('sort')?.split(',').map((x) => x.split(':')) ?? [['created_at', 'asc']]
    sortKeys.push(['id', sortKeys[0][1] ?? 'asc'])
    out.sort((a, b) => {
      for (const [k, d = 'asc'] of sortKeys) {
        if (a[k] === b[k]) continue
        const cmp = a[k] === null ? -1 : b[k] === null ? 1 : a[k] < b[k] ? -1 : 1
        return d === 'desc' ? -cmp : cmp
      }
      return 0
    })
    const pageLinks: Obj[] = []
    const limitRaw = query.get('limit')
    const marker = query.get('marker')
    if (marker) {
      const at = out.findIndex((o) => o.id === marker)
      if (at < 0) throw fault(404, `${key.slice(0, -1)} ${marker} not found.`)
      out = out.slice(at + 1)
    }
    if (limitRaw !== null) {
      const limit = Number(limitRaw)
      if (!Number.isInteger(limit) || limit < 0) throw fault(400, `Invalid input for field/attribute limit. Value: '${limitRaw}'.`)
      const more = out.length > limit
      out = out.slice(0, limit)
      const href = (extra: Record<string, string>) => {
        const q = new URLSearchParams()
        for (const [k, v] of query) if (k !== 'marker' && k !== 'page_reverse') q.append(k, v)
        for (const [k, v] of Object.entries(extra)) q.append(k, v)
        return `${base}${path}?${q.toString()}`
      }
      if (marker && out.length) pageLinks.push({href: href({marker: out[0].id, page_reverse: 'True'}), rel: 'previous'})
      if (more && out.length) pageLinks.push({href: href({marker: out[out.length - 1].id}), rel: 'next'})
    }
    const fields = query.getAll('fields')
    const shaped = fields.length ? out.map((o) => Object.fromEntries(fields.filter((f) => f in o).map((f) => [f, o[f]]))) : out
    return {[key]: shaped, [`${key}_links`]: pageLinks}
  }

  function statusTree(lb: Obj): Obj {
    const listeners = s.data.listeners.filter((l) => l.loadbalancer_id === lb.id)
    return {
      statuses: {
        loadbalancer: {
          id: lb.id,
          name: lb.name,
          operating_status: lb.operating_status,
          provisioning_status: lb.provisioning_status,
          listeners: listeners.map((l) => ({
            id: l.id,
            name: l.name,
            operating_status: l.operating_status,
            provisioning_status: l.provisioning_status,
            pools: s.data.pools
              .filter((p) => p.listener_id === l.id || p.id === l.default_pool_id)
              .map((p) => ({
                id: p.id,
                name: p.name,
                provisioning_status: p.provisioning_status,
                operating_status: p.operating_status,
                members: s.data.members
                  .filter((m) => m.pool_id === p.id)
                  .map((m) => ({id: m.id, name: m.name, operating_status: m.operating_status, provisioning_status: m.provisioning_status, address: m.address, protocol_port: m.protocol_port})),
              })),
          })),
        },
      },
    }
  }

  const STATS = {bytes_in: 0, bytes_out: 0, active_connections: 0, total_connections: 0, request_errors: 0}

  async function body(req: IncomingMessage, key: string): Promise<Obj> {
    const b = (await readJson(req, () => fault(400, 'Malformed JSON body.'))) as Obj | undefined
    if (!b || typeof b !== 'object' || typeof b[key] !== 'object' || b[key] === null) throw fault(400, `Invalid input for field/attribute ${key}. Value: 'None'. Mandatory field missing.`)
    return b[key] as Obj
  }

  async function route(req: IncomingMessage, res: ServerResponse, reqId: string, ctx: TokenInfo): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://sim.invalid')
    const path = url.pathname.replace(/\/+$/, '')
    const seg = path.split('/').filter(Boolean).map(decodeURIComponent)
    const base = origin(req)
    const ok = (status: number, b: unknown) => sendJson(res, status, b, {headers: {'x-openstack-request-id': reqId}})
    const query = url.searchParams
    const mutate = (status: number, b: unknown) => {
      changed()
      ok(status, b)
    }
    if (seg[0] !== 'v2' && seg[0] !== 'v2.0') throw fault(404, 'The resource could not be found.')
    if (seg.length === 1) {
      req.resume()
      return ok(200, {version: {id: 'v2.26', status: 'CURRENT', updated: '2022-08-29T00:00:00Z', links: [{href: `${base}/v2`, rel: 'self'}]}})
    }
    if (seg[1] !== 'lbaas') throw fault(404, 'The resource could not be found.')
    const [, , coll, id, sub, subId] = seg
    settle()
    switch (coll) {
      case 'loadbalancers': {
        if (!id) {
          if (method === 'GET') return (req.resume(), ok(200, list(ctx, s.data.loadbalancers, lbView, 'loadbalancers', query, base, path)))
          if (method === 'POST') {
            const b = await body(req, 'loadbalancer')
            return mutate(201, {loadbalancer: lbView(createLb(ctx, b))})
          }
          break
        }
        const lb = (mayRead(ctx), getLb(ctx, id))
        if (sub === 'status' && method === 'GET') return (req.resume(), ok(200, statusTree(lb)))
        if (sub === 'stats' && method === 'GET') return (req.resume(), ok(200, {stats: STATS}))
        if (sub === 'failover' && method === 'PUT') {
          req.resume()
          mayWrite(ctx)
          if (lb.provisioning_status !== 'ACTIVE') throw fault(409, `Invalid state ${lb.provisioning_status} of loadbalancer resource ${lb.id}`)
          begin(lb, 'PENDING_UPDATE', undefined, OCTAVIA_DELAYS.create)
          return mutate(202, undefined)
        }
        if (sub) break
        if (method === 'GET') return (req.resume(), ok(200, {loadbalancer: lbView(lb)}))
        if (method === 'PUT') return mutate(200, {loadbalancer: lbView(updateLb(ctx, lb, await body(req, 'loadbalancer')))})
        if (method === 'DELETE') {
          req.resume()
          deleteLb(ctx, lb, ['true', '1'].includes((query.get('cascade') ?? '').toLowerCase()))
          return mutate(204, undefined)
        }
        break
      }
      case 'listeners': {
        if (!id) {
          if (method === 'GET') return (req.resume(), ok(200, list(ctx, s.data.listeners, listenerView, 'listeners', query, base, path)))
          if (method === 'POST') return mutate(201, {listener: listenerView(createListener(ctx, await body(req, 'listener')))})
          break
        }
        const l = (mayRead(ctx), getListener(ctx, id))
        if (sub === 'stats' && method === 'GET') return (req.resume(), ok(200, {stats: STATS}))
        if (sub) break
        if (method === 'GET') return (req.resume(), ok(200, {listener: listenerView(l)}))
        if (method === 'PUT') return mutate(200, {listener: listenerView(updateListener(ctx, l, await body(req, 'listener')))})
        if (method === 'DELETE') {
          req.resume()
          deleteChild(ctx, l, l.loadbalancer_id)
          return mutate(204, undefined)
        }
        break
      }
      case 'pools': {
        if (!id) {
          if (method === 'GET') return (req.resume(), ok(200, list(ctx, s.data.pools, poolView, 'pools', query, base, path)))
          if (method === 'POST') return mutate(201, {pool: poolView(createPool(ctx, await body(req, 'pool')))})
          break
        }
        if (sub === 'members') {
          const pool = s.data.pools.find((p) => p.id === id)
          if (!pool || !visible(ctx, pool)) {
            req.resume()
            // Octavia's member controller answers an unknown pool with pecan's HTML page.
            throw Object.assign(fault(404, `Pool ${id} not found.`), {html: true})
          }
          mayRead(ctx)
          if (!subId) {
            if (method === 'GET') return (req.resume(), ok(200, list(ctx, s.data.members.filter((m) => m.pool_id === id), memberView, 'members', query, base, path)))
            if (method === 'POST') return mutate(201, {member: memberView(createMember(ctx, pool, await body(req, 'member')))})
            if (method === 'PUT') throw fault(501, 'Batch member update is not supported by the simulator.')
            break
          }
          const m = getMember(ctx, id, subId)
          if (method === 'GET') return (req.resume(), ok(200, {member: memberView(m)}))
          if (method === 'PUT') return mutate(200, {member: memberView(updateMember(ctx, m, await body(req, 'member')))})
          if (method === 'DELETE') {
            req.resume()
            deleteChild(ctx, m, pool.loadbalancer_id)
            return mutate(204, undefined)
          }
          break
        }
        const p = (mayRead(ctx), getPool(ctx, id))
        if (sub) break
        if (method === 'GET') return (req.resume(), ok(200, {pool: poolView(p)}))
        if (method === 'PUT') return mutate(200, {pool: poolView(updatePool(ctx, p, await body(req, 'pool')))})
        if (method === 'DELETE') {
          req.resume()
          deleteChild(ctx, p, p.loadbalancer_id)
          return mutate(204, undefined)
        }
        break
      }
      case 'healthmonitors':
      case 'l7policies':
      case 'flavors':
      case 'flavorprofiles':
      case 'availabilityzones':
      case 'amphorae':
        if (!id && method === 'GET') {
          req.resume()
          mayRead(ctx)
          const key = coll === 'availabilityzones' ? 'availability_zones' : coll
          return ok(200, {[key]: [], [`${key}_links`]: []})
        }
        if (id && method === 'GET') {
          req.resume()
          throw fault(404, `${coll === 'flavors' ? 'Flavor' : coll === 'healthmonitors' ? 'Health Monitor' : 'Object'} ${id} not found.`)
        }
        throw fault(501, `The simulator does not implement ${coll}.`)
      case 'providers':
        req.resume()
        return ok(200, {providers: [{name: 'amphora', description: 'Amphora provider (simulated)'}]})
      case 'quotas':
        req.resume()
        if (!id) return ok(200, {quotas: [], quotas_links: []})
        return ok(200, {quota: {load_balancer: -1, listener: -1, member: -1, pool: -1, health_monitor: -1, l7policy: -1, l7rule: -1}})
    }
    req.resume()
    throw fault(405, 'Method not allowed.')
  }

  return {
    store: s,
    settle,
    async handle(req, res) {
      const reqId = requestId()
      try {
        const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname
        if (path === '/' || path === '') {
          req.resume()
          const base = origin(req)
          const versions = OCTAVIA_VERSIONS.map(([id, updated], i) => ({id, status: i === OCTAVIA_VERSIONS.length - 1 ? 'CURRENT' : 'SUPPORTED', updated, links: [{href: `${base}/v2`, rel: 'self'}]}))
          return sendJson(res, 200, {versions}, {headers: {'x-openstack-request-id': reqId}})
        }
        const info = await authenticate(req, res, opts.auth, opts.keystoneUri)
        if (info) await route(req, res, reqId, info)
      } catch (err) {
        req.resume()
        const e = err instanceof SimHttpError ? err : new SimHttpError(500, 'An unknown exception occurred.')
        if (!(err instanceof SimHttpError)) console.error(`octavia sim (${s.region}):`, err)
        if ((err as {html?: boolean}).html && wantsJson(req)) {
          // pecan's abort, negotiated to JSON: the reason phrase is webob's default for the exception it wraps.
          return sendJson(res, 404, {code: 404, title: 'Bad Request', description: e.message}, {headers: {'x-openstack-request-id': reqId}})
        }
        if ((err as {html?: boolean}).html) {
          const page = webobHtml(404, '').replace('<title>404 Not Found</title>', '<title>404 Bad Request</title>').replace('<h1>404 Not Found</h1>', '<h1>404 Bad Request</h1>')
          const text = page.replace('  <br /><br />', `  The server could not comply with the request since it is either malformed or otherwise incorrect.<br /><br />\n${e.message}\n`)
          return sendText(res, 404, text, 'text/html; charset=UTF-8', {'x-openstack-request-id': reqId})
        }
        sendJson(res, e.status, {faultcode: e.status >= 500 ? 'Server' : 'Client', faultstring: e.message, debuginfo: null}, {headers: {'x-openstack-request-id': reqId}})
      }
    },
  }
}
