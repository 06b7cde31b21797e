import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {parseTopology, TopologyFileError} from '../../../../src/orchestration/topology/load.js'

const ROOT = join(import.meta.dirname, '../../../..')
const GUIDE = readFileSync(join(ROOT, 'examples/two-region-containers.yaml'), 'utf8')
const LB = readFileSync(join(ROOT, 'examples/cross-region-lb.yaml'), 'utf8')

/** The located problems of a file, as `line:col field message`. */
function problems(text: string, opts: {regions?: string[]} = {}): string[] {
  try {
    parseTopology(text, 'topo.yaml', opts)
  } catch (error) {
    expect(error).toBeInstanceOf(TopologyFileError)
    const e = error as TopologyFileError
    expect(e.exitCode).toBe(2)
    expect(e.message).toContain('topo.yaml:')
    return e.issues.map((i) => `${i.line}:${i.col} ${i.path.join('.')} ${i.message}`)
  }
  return []
}

describe('topology file schema and references', () => {
  it('accepts both examples, with defaults filled in', () => {
    expect(problems(GUIDE)).toEqual([])
    expect(problems(LB)).toEqual([])
    const t = parseTopology(GUIDE, '/x/two-region-containers.yaml')
    expect(t.name).toBe('two-region-containers')
    expect(t.central).toBe('CentralRegion')
    expect(t.doc.networks[0].subnets[0].dhcp).toBe(true)
    expect(t.doc.containers[0].command).toEqual(['sudo', 'nc', '-l', '-p', '5000'])
  })

  it('names the line, the column and the field of a wrong type, a missing field and an unknown one', () => {
    const text = GUIDE.replace('    networks: [container-net]\n    command: [sudo, nc, -l, -p, "5000"]\n  - name: container02', '    networks: container-net\n    comand: [sudo]\n  - name: container02')
    expect(problems(text)).toEqual([
      '32:15 containers.0.networks must be a list (got string)',
      '33:5 containers.0.comand unknown field (allowed here: name, region, image, networks, command, environment, cpu, memory, labels, restart_policy, security_groups, exits)',
    ])
    const noImage = GUIDE.replace('    image: container_cirros          # resolved to RegionTwo', '    imag: container_cirros          # resolved to RegionTwo')
    expect(problems(noImage)).toContainEqual('34:5 containers.1.image is required')
  })

  it('reports YAML syntax errors with their position', () => {
    expect(problems('pods:\n  - region: [RegionOne\nimages: []\n')[0]).toMatch(/^3:1 {2}YAML: /)
  })

  it('checks references: unknown image, network, pool, a member whose container is in no region, a duplicate, a bad CIDR', () => {
    const text = LB.replace('cidr: 10.0.60.0/24', 'cidr: 10.0.60.0/33')
      .replace('    image: container_cirros\n    networks: [container-net]\n    command: [sudo, nc, -l, -p, "5000"]\n  - name: container02', '    image: cirros\n    networks: [other-net]\n    command: [sudo, nc, -l, -p, "5000"]\n  - name: container02')
      .replace('default_pool: container-pool', 'default_pool: no-pool')
      .replace('- container: container02     # RegionTwo, by its address on container-subnet', '- container: container03')
      .replace('  - region: RegionTwo\n    availability_zone: az2', '  - region: RegionOne\n    availability_zone: az2')
    const got = problems(text)
    expect(got).toContainEqual('13:13 pods.2.region the pod of region "RegionOne" is defined twice (first at index 1)')
    expect(got).toContainEqual('28:15 networks.0.subnets.0.cidr "10.0.60.0/33" is not a CIDR (e.g. 10.0.60.0/24)')
    expect(got).toContainEqual('33:12 containers.0.image unknown image "cirros": not in images: (container_cirros)')
    expect(got).toContainEqual('34:16 containers.0.networks.0 unknown network "other-net": not in networks: (container-net)')
    expect(got.some((l) => /listeners\.0\.default_pool unknown pool "no-pool"/.test(l))).toBe(true)
    expect(got.some((l) => /members\.1\.container container "container03" is in no region/.test(l))).toBe(true)
  })

  it('checks regions against the profile when it lists them, and an image missing from a container’s region', () => {
    expect(problems(GUIDE, {regions: ['CentralRegion', 'RegionOne']})).toContainEqual(
      '11:13 pods.2.region RegionTwo is not a region of the profile (its regions: CentralRegion, RegionOne)',
    )
    const text = GUIDE.replace('regions: [RegionOne, RegionTwo]', 'regions: [RegionOne]')
    expect(problems(text)).toContainEqual('36:12 containers.1.image image container_cirros is not in RegionTwo (its regions: RegionOne)')
  })

  it('checks gateways, pools and member addresses against their subnet', () => {
    const text = LB.replace('cidr: 10.0.60.0/24', 'cidr: 10.0.60.0/24\n        gateway: 10.0.61.1\n        allocation_pools: [{start: 10.0.60.10, end: 10.0.70.1}]').replace(
      '- container: container01     # RegionOne',
      '- address: 192.168.1.4',
    )
    const got = problems(text)
    expect(got).toContainEqual('29:18 networks.0.subnets.0.gateway 10.0.61.1 is not in 10.0.60.0/24')
    expect(got.some((l) => l.includes('allocation_pools.0.end 10.0.70.1 is not in 10.0.60.0/24'))).toBe(true)
    expect(got.some((l) => l.includes('members.0.address 192.168.1.4 is not in subnet container-subnet (10.0.60.0/24)'))).toBe(true)
  })
})
