import {contains, ipVersion, overlaps, parseCidr} from './ip.js'
import {checkAttributes, checkAzHints, expectBool, expectString, getNetwork} from './networks.js'
import {createPort, deletePort, getPort} from './ports.js'
import {badRequest, type Caller, nerr, type NeutronStore, policy, type Rec} from './store.js'

const routerRequest = (message: string) => nerr(400, 'BadRequest', message)
import {getSubnet, subnetCidr} from './subnets.js'

/** Routers: interfaces (by subnet or port), extra routes, the external gateway and its SNAT flag. */

const CREATE = new Set(['name', 'admin_state_up', 'tenant_id', 'project_id', 'external_gateway_info', 'description', 'distributed', 'ha', 'availability_zone_hints', 'flavor_id', 'tags'])
const UPDATE = new Set(['name', 'admin_state_up', 'external_gateway_info', 'description', 'distributed', 'ha', 'routes'])

const notFound = (id: string) => nerr(404, 'RouterNotFound', `Router ${id} could not be found.`)

export function getRouter(s: NeutronStore, ctx: Caller, id: string): Rec {
  const r = s.data.routers.find((x) => x.id === id)
  if (!r || !s.owns(ctx, r)) throw notFound(id)
  return r
}

function interfacePorts(s: NeutronStore, routerId: string): Rec[] {
  return s.data.ports.filter((p) => p.device_id === routerId && p.device_owner === 'network:router_interface')
}

function setGateway(s: NeutronStore, ctx: Caller, r: Rec, info: unknown): void {
  const old = s.data.ports.find((p) => p.device_id === r.id && p.device_owner === 'network:router_gateway')
  if (info === null || (typeof info === 'object' && info !== null && Object.keys(info).length === 0)) {
    if (old) s.data.ports = s.data.ports.filter((p) => p !== old)
    r.external_gateway_info = null
    return
  }
  const gi = info as Rec
  if (typeof gi !== 'object' || !gi.network_id) throw badRequest("Invalid input for external_gateway_info. Reason: Validation of dictionary's keys failed. Expected keys: {'network_id'}")
  if (gi.enable_snat !== undefined && !ctx.isAdmin) throw policy('rule:update_router and rule:update_router:external_gateway_info:enable_snat')
  const net = getNetwork(s, ctx, String(gi.network_id))
  if (!net['router:external']) throw routerRequest(`Bad router request: Network ${net.id} is not an external network.`)
  if (old && old.network_id === net.id && gi.external_fixed_ips === undefined) {
    r.external_gateway_info = {...r.external_gateway_info, enable_snat: gi.enable_snat ?? r.external_gateway_info?.enable_snat ?? true}
    return
  }
  if (old) s.data.ports = s.data.ports.filter((p) => p !== old)
  const port = createPort(s, {isAdmin: true, projectId: ''}, {
    network_id: net.id,
    device_id: r.id,
    device_owner: 'network:router_gateway',
    tenant_id: '',
    ...(gi.external_fixed_ips ? {fixed_ips: gi.external_fixed_ips} : {}),
  })
  r.external_gateway_info = {
    network_id: net.id,
    external_fixed_ips: port.fixed_ips.map((f: Rec) => ({subnet_id: f.subnet_id, ip_address: f.ip_address})),
    enable_snat: gi.enable_snat ?? true,
  }
}

export function createRouter(s: NeutronStore, ctx: Caller, body: Rec): Rec {
  checkAttributes(body, CREATE)
  expectBool(body, 'admin_state_up')
  expectString(body, 'name')
  if (!ctx.isAdmin && (body.distributed !== undefined || body.ha !== undefined)) {
    throw policy(`rule:create_router and rule:create_router:${body.distributed !== undefined ? 'distributed' : 'ha'}`)
  }
  checkAzHints(body)
  const project = s.projectFor(ctx, body, 'router')
  s.checkQuota(project, 'router')
  const r: Rec = {
    id: s.newId(),
    name: body.name ?? '',
    admin_state_up: body.admin_state_up ?? true,
    status: 'ACTIVE',
    external_gateway_info: null,
    description: body.description ?? '',
    availability_zones: [],
    distributed: body.distributed ?? false,
    ha: body.ha ?? false,
    availability_zone_hints: body.availability_zone_hints ?? [],
    routes: [],
    flavor_id: body.flavor_id ?? null,
    ...s.standard(project),
  }
  s.data.routers.push(r)
  if (body.external_gateway_info !== undefined && body.external_gateway_info !== null) {
    try {
      setGateway(s, ctx, r, body.external_gateway_info)
    } catch (error) {
      s.data.routers = s.data.routers.filter((x) => x !== r)
      throw error
    }
  }
  return r
}

function checkRoutes(s: NeutronStore, r: Rec, raw: unknown): Array<{destination: string; nexthop: string}> {
  if (!Array.isArray(raw)) throw badRequest(`Invalid input for routes. Reason: Invalid data format for hostroute: '${raw}'.`)
  const connected = interfacePorts(s, r.id).flatMap((p) => p.fixed_ips.map((f: Rec) => s.data.subnets.find((x) => x.id === f.subnet_id))).filter(Boolean) as Rec[]
  const gw = s.data.ports.find((p) => p.device_id === r.id && p.device_owner === 'network:router_gateway')
  if (gw) for (const f of gw.fixed_ips) connected.push(s.data.subnets.find((x) => x.id === f.subnet_id)!)
  return raw.map((route: Rec) => {
    const dest = parseCidr(String(route?.destination))
    if (!dest || !ipVersion(String(route?.nexthop))) throw badRequest(`Invalid input for routes. Reason: Invalid data format for hostroute: '${JSON.stringify(route)}'.`)
    const pyRoutes = `[${(raw as Rec[]).map((x) => `{'destination': '${x.destination}', 'nexthop': '${x.nexthop}'}`).join(', ')}]`
    if (!connected.some((sub) => sub && contains(subnetCidr(sub), route.nexthop))) {
      throw nerr(400, 'InvalidRoutes', `Invalid format for routes: ${pyRoutes}, the nexthop is not connected with router`)
    }
    if (interfacePorts(s, r.id).some((p) => p.fixed_ips.some((f: Rec) => f.ip_address === route.nexthop))) {
      throw nerr(400, 'InvalidRoutes', `Invalid format for routes: ${pyRoutes}, the nexthop is used by router`)
    }
    return {destination: dest.text, nexthop: String(route.nexthop)}
  })
}

export function updateRouter(s: NeutronStore, ctx: Caller, id: string, body: Rec): Rec {
  const r = getRouter(s, ctx, id)
  checkAttributes(body, UPDATE, true)
  expectBool(body, 'admin_state_up')
  if (body.routes !== undefined) r.routes = checkRoutes(s, r, body.routes)
  if (body.external_gateway_info !== undefined) setGateway(s, ctx, r, body.external_gateway_info)
  for (const k of ['name', 'admin_state_up', 'description', 'distributed', 'ha']) if (body[k] !== undefined) r[k] = body[k]
  s.touch(r)
  return r
}

export function deleteRouter(s: NeutronStore, ctx: Caller, id: string): void {
  const r = getRouter(s, ctx, id)
  const ports = interfacePorts(s, id)
  if (ports.length) throw nerr(409, 'RouterInUse', `Router ${id} has ports still attached: ${ports.map((p) => p.id).join(', ')}`)
  s.data.ports = s.data.ports.filter((p) => !(p.device_id === id && p.device_owner === 'network:router_gateway'))
  s.data.routers = s.data.routers.filter((x) => x !== r)
}

function interfaceInfo(r: Rec, port: Rec): Rec {
  const subnets = port.fixed_ips.map((f: Rec) => f.subnet_id)
  return {id: r.id, tenant_id: r.tenant_id, port_id: port.id, network_id: port.network_id, subnet_id: subnets[0], subnet_ids: subnets}
}

export function addInterface(s: NeutronStore, ctx: Caller, id: string, body: Rec): Rec {
  const r = getRouter(s, ctx, id)
  if (!body || (body.subnet_id === undefined && body.port_id === undefined)) {
    throw badRequest('Bad router request: Either subnet_id or port_id must be specified.')
  }
  if (body.subnet_id !== undefined && body.port_id !== undefined) throw badRequest('Bad router request: Cannot specify both subnet-id and port-id.')
  const attached = interfacePorts(s, id).flatMap((p) => p.fixed_ips.map((f: Rec) => f.subnet_id)) as string[]
  const checkOverlap = (sub: Rec) => {
    for (const other of attached) {
      const o = s.data.subnets.find((x) => x.id === other)
      if (o && o.id !== sub.id && overlaps(subnetCidr(o), subnetCidr(sub))) {
        throw routerRequest(`Bad router request: Cidr ${sub.cidr} of subnet ${sub.id} overlaps with cidr ${o.cidr} of subnet ${o.id}.`)
      }
    }
  }
  let port: Rec
  if (body.subnet_id !== undefined) {
    const sub = getSubnet(s, ctx, String(body.subnet_id))
    if (!sub.gateway_ip) throw routerRequest(`Bad router request: Subnet ${sub.id} does not have a gateway IP.`)
    if (attached.includes(sub.id)) throw routerRequest(`Bad router request: Router already has a port on subnet ${sub.id}.`)
    checkOverlap(sub)
    port = createPort(s, {isAdmin: true, projectId: r.project_id}, {
      network_id: sub.network_id,
      fixed_ips: [{subnet_id: sub.id, ip_address: sub.gateway_ip}],
      device_id: r.id,
      device_owner: 'network:router_interface',
      tenant_id: r.project_id,
      port_security_enabled: false,
    })
    port.revision_number = 2
  } else {
    port = getPort(s, ctx, String(body.port_id))
    if (port.device_id) throw nerr(409, 'PortInUse', `Unable to complete operation on port ${port.id} for network ${port.network_id}. Port already has an attached device ${port.device_id}.`)
    if (port.fixed_ips.length === 0) throw routerRequest(`Bad router request: Router port must have at least one fixed IP.`)
    for (const f of port.fixed_ips) checkOverlap(s.data.subnets.find((x) => x.id === f.subnet_id)!)
    port.device_id = r.id
    port.device_owner = 'network:router_interface'
    s.touch(port)
  }
  s.touch(r)
  return interfaceInfo(r, port)
}

export function removeInterface(s: NeutronStore, ctx: Caller, id: string, body: Rec): Rec {
  const r = getRouter(s, ctx, id)
  if (!body || (body.subnet_id === undefined && body.port_id === undefined)) {
    throw badRequest('Bad router request: Either subnet_id or port_id must be specified.')
  }
  const ports = interfacePorts(s, id)
  let port: Rec | undefined
  if (body.port_id !== undefined) {
    port = ports.find((p) => p.id === body.port_id)
    if (!port) throw nerr(404, 'RouterInterfaceNotFound', `Router ${id} does not have an interface with id ${body.port_id}`)
  } else {
    getSubnet(s, ctx, String(body.subnet_id))
    port = ports.find((p) => p.fixed_ips.some((f: Rec) => f.subnet_id === body.subnet_id))
    if (!port) throw nerr(404, 'RouterInterfaceNotFoundForSubnet', `Router ${id} has no interface on subnet ${body.subnet_id}`)
  }
  for (const f of port.fixed_ips as Rec[]) {
    const sub = s.data.subnets.find((x) => x.id === f.subnet_id)
    if (sub && (r.routes as Rec[]).some((rt) => contains(subnetCidr(sub), rt.nexthop))) {
      throw nerr(409, 'RouterInterfaceInUseByRoute', `Router interface for subnet ${sub.id} on router ${id} cannot be deleted, as it is required by one or more routes.`)
    }
  }
  const info = interfaceInfo(r, port)
  deletePort(s, {isAdmin: true, projectId: ''}, port.id, {internal: true})
  s.touch(r)
  return info
}
