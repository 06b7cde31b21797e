import {randomBytes} from 'node:crypto'

import {NeutronError, type NeutronNetwork, type NeutronPort} from '../../backends/neutron.js'
import {errors} from '../errors.js'
import type {AttachedIp, AttachedPort, ContainerRecord, NetSpec} from './model.js'
import {isUuidLike} from '../params.js'
import type {Caller} from '../policy.js'
import type {ZunState} from './state.js'

/**
 * Containers and Neutron (zun-api.md §6.2): which network a request means, the Kuryr port made for
 * each network, and their release. Everything here runs synchronously in the API request, so an
 * unknown network is a 404 on the POST itself.
 */

/** `device_owner` of the ports Zun's Kuryr driver binds. */
export const DEVICE_OWNER = 'compute:kuryr'

/** One `nets[]` item after resolution. */
export interface RequestedNetwork {
  network: NeutronNetwork
  /** A port the user brought; it is kept (unbound) when the container goes. */
  port?: NeutronPort
  fixedIp?: string
}

/** A network the caller's own Neutron client would see (admins see all). */
function visible(caller: Caller, n: NeutronNetwork): boolean {
  return caller.isAdmin || n.project_id === caller.projectId || n.shared || n['router:external']
}

export async function findNetwork(state: ZunState, caller: Caller, ident: string): Promise<NeutronNetwork> {
  const found = (await state.neutron.listNetworks(isUuidLike(ident) ? {id: ident} : {name: ident})).filter((n) =>
    visible(caller, n),
  )
  if (found.length === 0) throw errors.networkNotFound(ident)
  if (found.length > 1) throw errors.conflict('Multiple neutron networks exist with same name. Please use the uuid instead.')
  return found[0]
}

/** `get_neutron_port`: a port the caller sees, by UUID or name (404, or 409 for a shared name). */
export async function findPort(state: ZunState, caller: Caller, ident: string): Promise<NeutronPort> {
  const found = (await state.neutron.listPorts(isUuidLike(ident) ? {id: ident} : {name: ident})).filter(
    (p) => caller.isAdmin || p.project_id === caller.projectId,
  )
  if (found.length === 0) throw errors.portNotFound(ident)
  if (found.length > 1) throw errors.conflict('Multiple neutron ports exist with same name. Please use the uuid instead.')
  return found[0]
}

/** A port given by UUID or name, which must belong to the caller's project and be free. */
export async function findUsablePort(state: ZunState, caller: Caller, ident: string): Promise<NeutronPort> {
  const found = await state.neutron.listPorts(isUuidLike(ident) ? {id: ident} : {name: ident})
  const mine = found.filter((p) => caller.isAdmin || p.project_id === caller.projectId)
  if (mine.length === 0) throw errors.portNotFound(ident)
  if (mine.length > 1) throw errors.conflict('Multiple neutron ports exist with same name. Please use the uuid instead.')
  const port = mine[0]
  if (port.project_id !== caller.projectId) throw errors.portNotUsable(port.id)
  if (port.device_id) throw errors.portInUse(port.id)
  if (['ACTIVE', 'BUILD', 'ERROR'].includes(port.status) || port['binding:vif_type'] === 'binding_failed') {
    throw errors.portNotUsable(port.id)
  }
  return port
}

/**
 * `get_available_network`: the oldest network of the caller's project, else the oldest shared
 * network, else 409 "There is no neutron network available".
 */
export async function availableNetwork(state: ZunState, caller: Caller): Promise<NeutronNetwork> {
  const oldest = (nets: NeutronNetwork[]): NeutronNetwork | undefined =>
    [...nets].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0]
  const own = await state.neutron.listNetworks({project_id: caller.projectId, shared: false})
  const pick = oldest(own) ?? oldest(await state.neutron.listNetworks({shared: true}))
  if (!pick) throw errors.conflict('There is no neutron network available')
  return pick
}

/** `check_external_network_attach`: a non-shared external network is for admins only. */
function checkExternal(caller: Caller, n: NeutronNetwork): void {
  if (n['router:external'] && !n.shared && !caller.isAdmin) throw errors.externalNetworkForbidden(n.id)
}

/** `build_requested_networks`: resolves every item, or picks the default network when none. */
export async function resolveNets(state: ZunState, caller: Caller, nets: NetSpec[]): Promise<RequestedNetwork[]> {
  const out: RequestedNetwork[] = []
  if (nets.length === 0) {
    out.push({network: await availableNetwork(state, caller)})
  }
  for (const item of nets) {
    if (item.port) {
      const port = await findUsablePort(state, caller, item.port)
      const network = await state.neutron.getNetwork(port.network_id)
      if (!network) throw errors.networkNotFound(port.network_id)
      out.push({network, port})
    } else if (item.network) {
      const network = await findNetwork(state, caller, item.network)
      out.push({network, fixedIp: item.fixed_ip ?? item['v4-fixed-ip'] ?? item['v6-fixed-ip']})
    }
  }
  for (const r of out) checkExternal(caller, r.network)
  return out
}

function prefixLength(cidr: string | undefined, version: 4 | 6): number {
  const bits = Number(cidr?.split('/')[1])
  return Number.isFinite(bits) ? bits : version === 4 ? 32 : 128
}

async function toAttached(state: ZunState, port: NeutronPort, preserve: boolean): Promise<AttachedPort> {
  const ips: AttachedIp[] = []
  for (const f of port.fixed_ips) {
    const subnet = await state.neutron.getSubnet(f.subnet_id)
    const version: 4 | 6 = f.ip_address.includes(':') ? 6 : 4
    ips.push({addr: f.ip_address, version, subnetId: f.subnet_id, prefixLen: prefixLength(subnet?.cidr, version)})
  }
  return {portId: port.id, networkId: port.network_id, preserveOnDelete: preserve, ips, mac: port.mac_address, securityGroups: port.security_groups}
}

/** Kuryr-libnetwork names a port after its Docker endpoint: `<endpoint id>-port`. */
function kuryrPortName(): string {
  return `${randomBytes(32).toString('hex')}-port`
}

/**
 * Creates (or binds, for a user's port) one Kuryr port per requested network, with
 * `device_owner: compute:kuryr` and `device_id: <container uuid>`. On failure the ports made so far
 * are released and the Neutron error is rethrown.
 */
export async function bindPorts(
  state: ZunState,
  c: ContainerRecord,
  caller: Caller,
  requested: RequestedNetwork[],
  securityGroups?: string[],
): Promise<AttachedPort[]> {
  const done: AttachedPort[] = []
  try {
    for (const r of requested) {
      let port: NeutronPort
      if (r.port) {
        port = await state.neutron.updatePort(r.port.id, {
          device_id: c.uuid,
          device_owner: DEVICE_OWNER,
          ...(securityGroups ? {security_groups: securityGroups} : {}),
        })
      } else {
        port = await state.neutron.createPort({
          network_id: r.network.id,
          project_id: c.projectId,
          device_owner: DEVICE_OWNER,
          device_id: c.uuid,
          name: kuryrPortName(),
          ...(r.fixedIp ? {fixed_ips: [{ip_address: r.fixedIp}]} : {}),
          ...(securityGroups ? {security_groups: securityGroups} : {}),
        })
      }
      done.push(await toAttached(state, port, Boolean(r.port)))
      state.ensureZunNetwork(r.network.id, caller)
    }
  } catch (err) {
    await releaseAttachments(state, done)
    throw err
  }
  return done
}

/** Deletes Zun-made ports and unbinds the user's own ports; a port already gone is fine. */
export async function releaseAttachments(state: ZunState, attachments: AttachedPort[]): Promise<void> {
  for (const a of attachments) {
    try {
      if (a.preserveOnDelete) await state.neutron.updatePort(a.portId, {device_id: '', device_owner: ''})
      else await state.neutron.deletePort(a.portId)
    } catch (err) {
      if (!(err instanceof NeutronError && err.status === 404)) throw err
    }
  }
}

/** Releases everything a container holds in Neutron (ports, its exposed-ports group). */
export async function releaseContainer(state: ZunState, c: ContainerRecord): Promise<void> {
  if (c.released) return
  c.released = true
  await releaseAttachments(state, c.attachments)
  c.attachments = []
  if (c.exposedSecurityGroup) {
    await state.neutron.deleteSecurityGroup(c.exposedSecurityGroup).catch(() => undefined)
    c.exposedSecurityGroup = null
  }
}

/** Names or IDs of security groups → IDs (400 when unknown, 409 when a name is ambiguous). */
export async function resolveSecurityGroups(state: ZunState, caller: Caller, names: string[]): Promise<string[]> {
  const ids: string[] = []
  for (const name of names) {
    let found = isUuidLike(name) ? await state.neutron.listSecurityGroups({id: name}) : []
    if (found.length === 0) found = await state.neutron.listSecurityGroups({name, project_id: caller.projectId})
    found = found.filter((sg) => caller.isAdmin || sg.project_id === caller.projectId)
    if (found.length === 0) throw errors.securityGroupNotFound(name)
    if (found.length > 1) {
      throw errors.conflict(`Multiple security group matches found for name '${name}', use an ID to be more specific.`)
    }
    if (!ids.includes(found[0].id)) ids.push(found[0].id)
  }
  return ids
}
