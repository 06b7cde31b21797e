import type {SchemaIssue, TopologyDoc} from './schema.js'

import {cidrContains, parseCidr, parseIp} from '../../clients/neutron/input.js'

const inCidr = (address: string, cidr: NonNullable<ReturnType<typeof parseCidr>>): boolean => {
  const ip = parseIp(address)
  return ip !== undefined && cidrContains(cidr, ip)
}

/**
 * What the schema cannot see: names used twice, references to resources that are not in the
 * file (or not in the right region), bad CIDRs and addresses, and regions the profile does not
 * have. Pure; every problem is returned with the path of the field.
 */
export function checkReferences(doc: TopologyDoc, opts: {regions?: string[]; central?: string}): SchemaIssue[] {
  const out: SchemaIssue[] = []
  const problem = (path: Array<string | number>, message: string) => out.push({path, message})
  const known = opts.regions?.length ? new Set(opts.regions) : undefined
  const checkRegion = (path: Array<string | number>, region: string | undefined) => {
    if (known && region !== undefined && !known.has(region)) {
      problem(path, `${region} is not a region of the profile (its regions: ${[...known].join(', ')})`)
    }
  }
  const dupes = <T>(items: T[], key: (t: T) => string, path: (i: number) => Array<string | number>, what: string) => {
    const seen = new Map<string, number>()
    items.forEach((t, i) => {
      const k = key(t)
      if (seen.has(k)) problem(path(i), `${what} ${JSON.stringify(k)} is defined twice (first at index ${seen.get(k)})`)
      else seen.set(k, i)
    })
  }

  // Pods: one per region, one central (no AZ).
  dupes(doc.pods, (p) => p.region, (i) => ['pods', i, 'region'], 'the pod of region')
  const tops = doc.pods.map((p, i) => ({p, i})).filter(({p}) => p.availability_zone === undefined)
  for (const {i} of tops.slice(1)) problem(['pods', i, 'availability_zone'], `is required: only the central pod (pods[${tops[0].i}]) has none`)
  doc.pods.forEach((p, i) => checkRegion(['pods', i, 'region'], p.region))

  // Images.
  dupes(doc.images, (x) => x.name, (i) => ['images', i, 'name'], 'image')
  doc.images.forEach((img, i) => {
    img.regions.forEach((r, j) => checkRegion(['images', i, 'regions', j], r))
    dupes(img.regions, (r) => r, (j) => ['images', i, 'regions', j], 'region')
  })

  // Networks and subnets (subnet names are global: load balancers and members refer to them).
  dupes(doc.networks, (n) => n.name, (i) => ['networks', i, 'name'], 'network')
  const subnets = doc.networks.flatMap((n, i) => n.subnets.map((s, j) => ({s, path: ['networks', i, 'subnets', j] as Array<string | number>})))
  dupes(subnets, (x) => x.s.name, (k) => [...subnets[k].path, 'name'], 'subnet')
  doc.networks.forEach((n, i) => {
    const region = n.region ?? opts.central
    if (region === undefined) problem(['networks', i], 'needs a region (or a central pod, whose region networks default to)')
    else if (opts.central && region !== opts.central) {
      problem(['networks', i, 'region'], `${region} is not the central region ${opts.central}: networks live in the central Neutron`)
    }
    checkRegion(['networks', i, 'region'], n.region)
  })
  for (const {s, path} of subnets) {
    const cidr = parseCidr(s.cidr)
    if (!cidr) {
      problem([...path, 'cidr'], `${JSON.stringify(s.cidr)} is not a CIDR (e.g. 10.0.60.0/24)`)
      continue
    }
    if (s.ip_version !== undefined && s.ip_version !== cidr.version) problem([...path, 'ip_version'], `is ${s.ip_version} but the CIDR is IPv${cidr.version}`)
    if (typeof s.gateway === 'string') {
      if (!parseIp(s.gateway)) problem([...path, 'gateway'], `${JSON.stringify(s.gateway)} is not an IP address`)
      else if (!inCidr(s.gateway, cidr)) problem([...path, 'gateway'], `${s.gateway} is not in ${s.cidr}`)
    }
    s.allocation_pools?.forEach((pool, k) => {
      for (const end of ['start', 'end'] as const) {
        if (!parseIp(pool[end])) problem([...path, 'allocation_pools', k, end], `${JSON.stringify(pool[end])} is not an IP address`)
        else if (!inCidr(pool[end], cidr)) problem([...path, 'allocation_pools', k, end], `${pool[end]} is not in ${s.cidr}`)
      }
    })
    s.dns_nameservers?.forEach((d, k) => {
      if (!parseIp(d)) problem([...path, 'dns_nameservers', k], `${JSON.stringify(d)} is not an IP address`)
    })
  }

  // Containers: unique names (members refer to them), their image in their region, known networks.
  dupes(doc.containers, (c) => c.name, (i) => ['containers', i, 'name'], 'container')
  const images = new Map(doc.images.map((x) => [x.name, x]))
  const networks = new Set(doc.networks.map((n) => n.name))
  doc.containers.forEach((c, i) => {
    checkRegion(['containers', i, 'region'], c.region)
    const img = images.get(c.image)
    if (!img) problem(['containers', i, 'image'], `unknown image ${JSON.stringify(c.image)}: not in images: (${[...images.keys()].join(', ') || 'none'})`)
    else if (!img.regions.includes(c.region)) {
      problem(['containers', i, 'image'], `image ${c.image} is not in ${c.region} (its regions: ${img.regions.join(', ')})`)
    }
    c.networks.forEach((n, j) => {
      if (!networks.has(n)) problem(['containers', i, 'networks', j], `unknown network ${JSON.stringify(n)}: not in networks: (${[...networks].join(', ') || 'none'})`)
    })
  })

  // Load balancers: VIP subnet, listeners' pools, members' containers and addresses.
  dupes(doc.load_balancers, (l) => `${l.region}/${l.name}`, (i) => ['load_balancers', i, 'name'], 'load balancer')
  const subnetByName = new Map(subnets.map((x) => [x.s.name, x.s]))
  const containers = new Map(doc.containers.map((c) => [c.name, c]))
  doc.load_balancers.forEach((lb, i) => {
    const at = (...p: Array<string | number>) => ['load_balancers', i, ...p]
    checkRegion(at('region'), lb.region)
    if (!subnetByName.has(lb.vip_subnet)) problem(at('vip_subnet'), `unknown subnet ${JSON.stringify(lb.vip_subnet)}: not a subnet of networks:`)
    dupes(lb.listeners, (l) => l.name, (j) => at('listeners', j, 'name'), 'listener')
    dupes(lb.listeners, (l) => String(l.port), (j) => at('listeners', j, 'port'), 'listener port')
    dupes(lb.pools, (p) => p.name, (j) => at('pools', j, 'name'), 'pool')
    const pools = new Set(lb.pools.map((p) => p.name))
    lb.listeners.forEach((l, j) => {
      if (l.default_pool !== undefined && !pools.has(l.default_pool)) {
        problem(at('listeners', j, 'default_pool'), `unknown pool ${JSON.stringify(l.default_pool)}: not a pool of load balancer ${lb.name}`)
      }
    })
    lb.pools.forEach((p, j) => {
      dupes(p.members, (m) => `${m.container ?? m.address}:${m.port}`, (k) => at('pools', j, 'members', k), 'member')
      p.members.forEach((m, k) => {
        const mpath = at('pools', j, 'members', k)
        const subnetName = m.subnet ?? lb.vip_subnet
        if (m.subnet !== undefined && !subnetByName.has(m.subnet)) problem([...mpath, 'subnet'], `unknown subnet ${JSON.stringify(m.subnet)}`)
        if (m.container !== undefined) {
          const c = containers.get(m.container)
          if (!c) problem([...mpath, 'container'], `container ${JSON.stringify(m.container)} is in no region: it is not in containers:`)
          else {
            const net = doc.networks.find((n) => n.subnets.some((s) => s.name === subnetName))
            if (net && !c.networks.includes(net.name)) {
              problem([...mpath, 'container'], `container ${m.container} is not on network ${net.name}, where subnet ${subnetName} is`)
            }
          }
        }
        if (m.address !== undefined) {
          const cidr = subnetByName.has(subnetName) ? parseCidr(subnetByName.get(subnetName)!.cidr) : undefined
          if (!parseIp(m.address)) problem([...mpath, 'address'], `${JSON.stringify(m.address)} is not an IP address`)
          else if (cidr && !inCidr(m.address, cidr)) problem([...mpath, 'address'], `${m.address} is not in subnet ${subnetName} (${cidr.text})`)
        }
      })
    })
  })
  return out
}
