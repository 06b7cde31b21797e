import type {Topology} from './load.js'
import type {DesiredResource, ImageFileHash} from './model.js'

import {createHash} from 'node:crypto'

import {imagePath} from './load.js'
import {resourceKey as key} from './model.js'

/**
 * The topology as a flat list of resources, one per region, with the keys of the resources each
 * needs first. Pure: image file hashes are given (see hashImageFile).
 */
export function desiredResources(topo: Topology, hashes: Record<string, ImageFileHash> = {}): DesiredResource[] {
  const out: DesiredResource[] = []
  const doc = topo.doc
  const central = topo.central ?? ''
  const podOf = (region: string) => (doc.pods.some((p) => p.region === region) ? [key('pod', region, region)] : [])
  const centralPod = topo.central ? podOf(topo.central) : []

  for (const pod of doc.pods) out.push({key: key('pod', pod.region, pod.region), kind: 'pod', region: pod.region, name: pod.region, parents: [], spec: {kind: 'pod', pod}})

  for (const image of doc.images) {
    for (const region of image.regions) {
      const path = image.file === undefined ? undefined : imagePath(topo, image.file)
      out.push({
        key: key('image', region, image.name),
        kind: 'image',
        region,
        name: image.name,
        parents: [],
        spec: {kind: 'image', image, path, hash: path ? hashes[path] : undefined},
      })
    }
  }

  const subnetRegion = new Map<string, {region: string; network: string}>()
  for (const net of doc.networks) {
    const region = net.region ?? central
    const netKey = key('network', region, net.name)
    out.push({key: netKey, kind: 'network', region, name: net.name, parents: centralPod, spec: {kind: 'network', availabilityZoneHints: net.availability_zone_hints ?? []}})
    for (const subnet of net.subnets) {
      subnetRegion.set(subnet.name, {region, network: net.name})
      out.push({key: key('subnet', region, subnet.name), kind: 'subnet', region, name: subnet.name, parents: [netKey], spec: {kind: 'subnet', subnet, network: net.name}})
    }
  }
  const networkRegion = (name: string) => doc.networks.find((n) => n.name === name)?.region ?? central
  const subnetKey = (name: string) => key('subnet', subnetRegion.get(name)?.region ?? central, name)

  for (const c of doc.containers) {
    const parents = [...podOf(c.region), key('image', c.region, c.image)]
    for (const n of c.networks) {
      parents.push(key('network', networkRegion(n), n))
      // A container's port needs a subnet on its network.
      for (const s of doc.networks.find((x) => x.name === n)?.subnets ?? []) parents.push(subnetKey(s.name))
    }
    out.push({key: key('container', c.region, c.name), kind: 'container', region: c.region, name: c.name, parents, spec: {kind: 'container', container: c, specHash: containerSpecHash(c)}})
  }

  const containerRegion = new Map(doc.containers.map((c) => [c.name, c.region]))
  for (const lb of doc.load_balancers) {
    const lbKey = key('loadbalancer', lb.region, lb.name)
    out.push({key: lbKey, kind: 'loadbalancer', region: lb.region, name: lb.name, parents: [...podOf(lb.region), subnetKey(lb.vip_subnet)], spec: {kind: 'loadbalancer', vipSubnet: lb.vip_subnet}})
    const listenerOfPool = new Map(lb.listeners.filter((l) => l.default_pool).map((l) => [l.default_pool!, l.name]))
    for (const l of lb.listeners) {
      out.push({key: key('listener', lb.region, `${lb.name}/${l.name}`), kind: 'listener', region: lb.region, name: `${lb.name}/${l.name}`, parents: [lbKey], spec: {kind: 'listener', listener: l, loadBalancer: lb.name}})
    }
    for (const p of lb.pools) {
      const listener = listenerOfPool.get(p.name)
      const poolName = `${lb.name}/${p.name}`
      const poolKey = key('pool', lb.region, poolName)
      out.push({
        key: poolKey,
        kind: 'pool',
        region: lb.region,
        name: poolName,
        parents: listener ? [key('listener', lb.region, `${lb.name}/${listener}`)] : [lbKey],
        spec: {kind: 'pool', pool: p, loadBalancer: lb.name, listener},
      })
      for (const m of p.members) {
        const subnet = m.subnet ?? lb.vip_subnet
        const parents = [poolKey, subnetKey(subnet)]
        if (m.container) parents.push(key('container', containerRegion.get(m.container) ?? '', m.container))
        const name = `${poolName}/${memberName(m)}`
        out.push({key: key('member', lb.region, name), kind: 'member', region: lb.region, name, parents, spec: {kind: 'member', member: m, loadBalancer: lb.name, pool: p.name, subnet}})
      }
    }
  }
  return out
}

/** A member's name on the server: `<container>:<port>` or `<address>:<port>`. */
export function memberName(m: {container?: string; address?: string; port: number}): string {
  return `${m.container ?? m.address}:${m.port}`
}

/** A short hash of what a container is made from (Zun can change little of it: a change replaces it). */
export function containerSpecHash(c: Topology['doc']['containers'][number]): string {
  const spec = {
    image: c.image,
    networks: c.networks,
    command: c.command ?? null,
    environment: sorted(c.environment),
    cpu: c.cpu ?? null,
    memory: c.memory ?? null,
    labels: sorted(c.labels),
    restart_policy: c.restart_policy ?? null,
    security_groups: c.security_groups ?? null,
  }
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16)
}

function sorted(o: Record<string, string>): Array<[string, string]> {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b))
}
