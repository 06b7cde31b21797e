import type {ServiceClient} from '../../http/service-client.js'
import type {TagFilters} from '../../core/tags.js'
import type {NeutronQuery} from './common.js'
import type {FixedIp} from './ports.js'

import {UsageError} from '../../core/errors.js'
import {find} from '../../core/find.js'
import {listAll, paging} from '../../http/paginate.js'
import {tagsAfterSet} from '../../core/tags.js'
import {compact, replaceTags, tagQuery} from './common.js'
import {parseKeyValues} from '../../core/key-values.js'
import {requireCidr, requireIp} from './input.js'
import {findNetwork} from './networks.js'
import {findSubnet} from './subnets.js'

// --- types: the router as Neutron returns it ---
export interface ExternalGatewayInfo {
  network_id: string
  enable_snat?: boolean
  external_fixed_ips?: FixedIp[]
  qos_policy_id?: string | null
}

export interface Route {
  destination: string
  nexthop: string
}

export interface Router {
  id: string
  name: string
  status: string
  admin_state_up: boolean
  project_id: string
  tenant_id?: string
  external_gateway_info: ExternalGatewayInfo | null
  routes?: Route[]
  distributed?: boolean | null
  ha?: boolean | null
  availability_zones?: string[]
  tags?: string[]
  [key: string]: unknown
}

export interface CreateRouterOpts {
  name?: string
  description?: string
  admin_state_up?: boolean
  distributed?: boolean
  ha?: boolean
  availability_zone_hints?: string[]
  external_gateway_info?: ExternalGatewayInfo
  project_id?: string
}

export interface UpdateRouterOpts extends Omit<CreateRouterOpts, 'project_id' | 'availability_zone_hints'> {
  routes?: Route[]
}

/** One router interface, as `router show` lists it under `interfaces_info`. */
export interface InterfaceInfo {
  port_id: string
  ip_address: string | null
  subnet_id: string | null
}

export interface RouterInterface {
  id: string
  subnet_id: string
  subnet_ids?: string[]
  port_id: string
  network_id?: string
  project_id?: string
  [key: string]: unknown
}

// --- paths ---
const root = () => '/routers'
const item = (id: string) => `/routers/${encodeURIComponent(id)}`

// --- verbs ---
export async function listRouters(c: ServiceClient, q?: NeutronQuery): Promise<Router[]> {
  return listAll<Router>(c, paging.links, root(), {key: 'routers', query: q})
}

export async function getRouter(c: ServiceClient, id: string): Promise<Router> {
  return (await c.get<{router: Router}>(item(id))).router
}

export async function createRouter(c: ServiceClient, opts: CreateRouterOpts): Promise<Router> {
  return (await c.post<{router: Router}>(root(), {router: opts})).router
}

export async function updateRouter(c: ServiceClient, id: string, opts: UpdateRouterOpts): Promise<Router> {
  return (await c.put<{router: Router}>(item(id), {router: opts})).router
}

export async function deleteRouter(c: ServiceClient, id: string): Promise<void> {
  await c.delete(item(id))
}

export async function findRouter(c: ServiceClient, nameOrId: string): Promise<Router> {
  return find({resource: 'Router', get: (id) => getRouter(c, id), list: (name) => listRouters(c, {name})}, nameOrId)
}

export async function addRouterInterface(c: ServiceClient, id: string, body: {subnet_id?: string; port_id?: string}): Promise<RouterInterface> {
  return c.put<RouterInterface>(`${item(id)}/add_router_interface`, body)
}

export async function removeRouterInterface(c: ServiceClient, id: string, body: {subnet_id?: string; port_id?: string}): Promise<RouterInterface> {
  return c.put<RouterInterface>(`${item(id)}/remove_router_interface`, body)
}

// --- operations ---

export interface RouterGatewayInput {
  /** `--external-gateway`: network name or ID. */
  externalGateway?: string
  /** `--enable-snat` (true) / `--disable-snat` (false). */
  snat?: boolean
  /** `--fixed-ip subnet=,ip-address=` on the gateway. */
  fixedIps?: string[]
}

interface GatewayPlan {
  network: string
  snat?: boolean
  fixedIps?: Array<{subnet?: string; ipAddress?: string}>
}

/**
 * The gateway flags, checked before any call. `openstack router create --disable-snat` without
 * `--external-gateway` creates the router and only then fails; mrctl refuses first (exit 2).
 */
function planGateway(g: RouterGatewayInput, verb: string): GatewayPlan | undefined {
  if ((g.snat !== undefined || g.fixedIps) && !g.externalGateway) {
    throw new UsageError(`You must specify '--external-gateway' in order to ${verb} SNAT or fixed-ip values`)
  }
  if (!g.externalGateway) return undefined
  const fixedIps = g.fixedIps?.map((v) => {
    const kv = parseKeyValues('--fixed-ip', v, {optional: ['subnet', 'ip-address']})
    if (kv['ip-address'] !== undefined) requireIp('--fixed-ip ip-address', kv['ip-address'])
    return {subnet: kv.subnet, ipAddress: kv['ip-address']}
  })
  return {network: g.externalGateway, snat: g.snat, fixedIps}
}

async function resolveGateway(c: ServiceClient, g: GatewayPlan): Promise<ExternalGatewayInfo> {
  const info: ExternalGatewayInfo = {network_id: (await findNetwork(c, g.network)).id}
  if (g.snat !== undefined) info.enable_snat = g.snat
  if (g.fixedIps) {
    info.external_fixed_ips = []
    for (const f of g.fixedIps) {
      const ip: FixedIp = {}
      if (f.subnet) ip.subnet_id = (await findSubnet(c, f.subnet)).id
      if (f.ipAddress !== undefined) ip.ip_address = f.ipAddress
      info.external_fixed_ips.push(ip)
    }
  }
  return info
}

export interface RouterCreateInput extends RouterGatewayInput {
  name: string
  enable?: boolean
  distributed?: boolean
  ha?: boolean
  description?: string
  availabilityZoneHints?: string[]
  projectId?: string
  tags?: string[]
  noTag?: boolean
}

export interface RouterCreatePlan {
  input: RouterCreateInput
  gateway?: GatewayPlan
}

export function planRouterCreate(input: RouterCreateInput): RouterCreatePlan {
  return {input, gateway: planGateway(input, 'specify')}
}

/** `router create`: resolve the gateway network and subnets, create, tag (rolled back on failure). */
export async function routerCreate(c: ServiceClient, plan: RouterCreatePlan): Promise<Router> {
  const i = plan.input
  const opts: CreateRouterOpts = {name: i.name, admin_state_up: i.enable ?? true}
  if (i.distributed !== undefined) opts.distributed = i.distributed
  if (i.ha !== undefined) opts.ha = i.ha
  if (i.description !== undefined) opts.description = i.description
  if (i.availabilityZoneHints) opts.availability_zone_hints = i.availabilityZoneHints
  if (i.projectId) opts.project_id = i.projectId
  if (plan.gateway) opts.external_gateway_info = await resolveGateway(c, plan.gateway)
  const router = await createRouter(c, opts)
  const tags = tagsAfterSet(router.tags ?? [], i.tags, i.noTag)
  if (!tags) return router
  try {
    return {...router, tags: await replaceTags(c, 'routers', router.id, tags)}
  } catch (error) {
    await deleteRouter(c, router.id).catch(() => undefined)
    throw error
  }
}

/** OSC's `interfaces_info`: one entry per fixed IP of the router's ports, the gateway port left out. */
export function interfacesInfo(ports: Array<{id: string; device_owner: string; fixed_ips: FixedIp[]}>): InterfaceInfo[] {
  const out: InterfaceInfo[] = []
  for (const p of ports) {
    if (p.device_owner === 'network:router_gateway') continue
    for (const ip of p.fixed_ips) out.push({port_id: p.id, ip_address: ip.ip_address ?? null, subnet_id: ip.subnet_id ?? null})
  }
  return out
}

/** `router show`: the router plus `interfaces_info` built from its ports, as OSC does. */
export async function routerShow(c: ServiceClient, nameOrId: string): Promise<Router & {interfaces_info: InterfaceInfo[]}> {
  const router = await findRouter(c, nameOrId)
  const ports = await listAll<{id: string; device_owner: string; fixed_ips: FixedIp[]}>(c, paging.links, '/ports', {key: 'ports', query: {device_id: router.id}})
  return {...router, interfaces_info: interfacesInfo(ports)}
}

export interface RouterSetInput extends RouterGatewayInput {
  name?: string
  description?: string
  enable?: boolean
  distributed?: boolean
  ha?: boolean
  /** `--route destination=<cidr>,gateway=<ip>`, added to the current routes unless `noRoute`. */
  routes?: string[]
  noRoute?: boolean
  tags?: string[]
  noTag?: boolean
}

export interface RouterSetPlan {
  input: RouterSetInput
  gateway?: GatewayPlan
  routes?: Route[]
}

export function planRouterSet(input: RouterSetInput): RouterSetPlan {
  const routes = input.routes?.map((v) => {
    const kv = parseKeyValues('--route', v, {required: ['destination', 'gateway']})
    requireCidr('--route destination', kv.destination)
    requireIp('--route gateway', kv.gateway)
    return {destination: kv.destination, nexthop: kv.gateway}
  })
  return {input, gateway: planGateway(input, 'update the'), routes}
}

export async function routerSet(c: ServiceClient, nameOrId: string, plan: RouterSetPlan): Promise<Router> {
  const i = plan.input
  let router = await findRouter(c, nameOrId)
  const opts: UpdateRouterOpts = {}
  if (i.name !== undefined) opts.name = i.name
  if (i.description !== undefined) opts.description = i.description
  if (i.enable !== undefined) opts.admin_state_up = i.enable
  if (i.distributed !== undefined) opts.distributed = i.distributed
  if (i.ha !== undefined) opts.ha = i.ha
  if (plan.routes) opts.routes = i.noRoute ? plan.routes : [...plan.routes, ...(router.routes ?? [])]
  else if (i.noRoute) opts.routes = []
  if (plan.gateway) opts.external_gateway_info = await resolveGateway(c, plan.gateway)
  if (Object.keys(opts).length > 0) router = await updateRouter(c, router.id, opts)
  const tags = tagsAfterSet(router.tags ?? [], i.tags, i.noTag)
  if (tags) router = {...router, tags: await replaceTags(c, 'routers', router.id, tags)}
  return router
}

export async function routerDelete(c: ServiceClient, nameOrId: string): Promise<Router> {
  const router = await findRouter(c, nameOrId)
  await deleteRouter(c, router.id)
  return router
}

/** `router add subnet`: both names resolved first, then one PUT. */
export async function routerAddSubnet(c: ServiceClient, router: string, subnet: string): Promise<RouterInterface> {
  const s = await findSubnet(c, subnet)
  const r = await findRouter(c, router)
  return addRouterInterface(c, r.id, {subnet_id: s.id})
}

export async function routerRemoveSubnet(c: ServiceClient, router: string, subnet: string): Promise<RouterInterface> {
  const s = await findSubnet(c, subnet)
  const r = await findRouter(c, router)
  return removeRouterInterface(c, r.id, {subnet_id: s.id})
}

/** `router list` filters (OSC ListRouter). */
export interface RouterListFilters extends TagFilters {
  name?: string
  enabled?: boolean
  projectId?: string
}

export async function routerList(c: ServiceClient, f: RouterListFilters): Promise<Router[]> {
  return listRouters(c, compact({name: f.name, admin_state_up: f.enabled, project_id: f.projectId, ...tagQuery(f)}))
}
