import type {SecurityGroup} from '../../../src/clients/neutron/security-groups.js'
import type {SecurityGroupRule} from '../../../src/clients/neutron/security-group-rules.js'

import {afterEach, describe, expect, it} from 'vitest'

import {NotFoundError} from '../../../src/core/errors.js'
import {defaultEgressRules, findSourceGroup, planGroupSync, ruleText} from '../../../src/orchestration/secgroup-sync.js'
import {FAKE_TOKEN as TOKEN, fakeClient} from '../../fakes/client.js'
import {fakeServerPool} from '../../fakes/server.js'

let seq = 0
function rule(groupId: string, r: Partial<SecurityGroupRule>): SecurityGroupRule {
  return {
    id: `r${++seq}`, security_group_id: groupId, direction: 'ingress', ethertype: 'IPv4', protocol: null,
    port_range_min: null, port_range_max: null, remote_ip_prefix: null, remote_group_id: null, description: '', ...r,
  }
}
function group(id: string, name: string, rules: Array<Partial<SecurityGroupRule>>, withDefaults = true): SecurityGroup {
  return {id, name, description: `${name} group`, project_id: 'p', security_group_rules: [...(withDefaults ? defaultEgressRules(id) : []), ...rules.map((r) => rule(id, r))]}
}
const texts = (p: ReturnType<typeof planGroupSync>) => p.changes.map((c) => [c.group, c.add.map(ruleText), c.remove.map((r) => ruleText(r.content))])

describe('planGroupSync', () => {
  const db = group('db-src', 'db', [{protocol: 'tcp', port_range_min: 5432, port_range_max: 5432, remote_group_id: 'web-src'}])
  const web = group('web-src', 'web', [
    {protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0'},
    {protocol: 'tcp', port_range_min: 80, port_range_max: 81, remote_ip_prefix: '10.1.2.0/24'},
    {protocol: 'tcp', port_range_min: 8080, port_range_max: 8080, remote_group_id: 'web-src'},
    {protocol: 'tcp', port_range_min: 5432, port_range_max: 5432, remote_group_id: 'db-src'},
  ])

  it('a missing group is created with its rules (on top of the default egress rules), and so is a group its rules name', () => {
    const plan = planGroupSync({source: web, sourceGroups: [web, db], targetGroups: [], prune: false})
    expect(plan.create.map((g) => g.name)).toEqual(['web', 'db'])
    expect(texts(plan)).toEqual([
      ['web', ['ingress IPv4 tcp:22 from anywhere', 'ingress IPv4 tcp:80-81 from 10.1.2.0/24', 'ingress IPv4 tcp:8080 from group web', 'ingress IPv4 tcp:5432 from group db'], []],
      ['db', ['ingress IPv4 tcp:5432 from group web'], []],
    ])
  })

  it('rules are matched by content: other IDs, `6` for tcp, no prefix for 0.0.0.0/0, host bits in a prefix — in sync', () => {
    const target = [
      group('web-t', 'web', [
        {protocol: '6', port_range_min: 22, port_range_max: 22},
        {protocol: 'TCP', port_range_min: 80, port_range_max: 81, remote_ip_prefix: '10.1.2.9/24'},
        {protocol: 'tcp', port_range_min: 8080, port_range_max: 8080, remote_group_id: 'web-t'},
        {protocol: 'tcp', port_range_min: 5432, port_range_max: 5432, remote_group_id: 'db-t'},
      ]),
      group('db-t', 'db', []),
    ]
    const plan = planGroupSync({source: web, sourceGroups: [web, db], targetGroups: target, prune: true})
    // The referenced group exists: it is left as it is (not filled, not pruned).
    expect(plan.create).toEqual([])
    expect(texts(plan)).toEqual([['web', [], []]])
  })

  it('--prune removes what the source lacks, only from the group asked for; without it nothing is removed', () => {
    const target = [group('web-t', 'web', [{protocol: 'udp', port_range_min: 53, port_range_max: 53, direction: 'egress'}]), group('db-t', 'db', [{protocol: 'icmp'}])]
    const source = group('web-src', 'web', [], true)
    expect(texts(planGroupSync({source, sourceGroups: [source], targetGroups: target, prune: false}))).toEqual([['web', [], []]])
    expect(texts(planGroupSync({source, sourceGroups: [source], targetGroups: target, prune: true}))).toEqual([['web', [], ['egress IPv4 udp:53 to anywhere']]])
  })

  it('a source without the default egress rules: --prune removes them in the target', () => {
    const source = group('web-src', 'web', [{protocol: 'tcp', port_range_min: 22, port_range_max: 22}], false)
    const plan = planGroupSync({source, sourceGroups: [source], targetGroups: [group('web-t', 'web', [])], prune: true})
    expect(texts(plan)).toEqual([['web', ['ingress IPv4 tcp:22 from anywhere'], ['egress IPv4 any to anywhere', 'egress IPv6 any to anywhere']]])
  })

  it('a rule naming a group outside the project, or an address group, is skipped and said so', () => {
    const source = group('web-src', 'web', [{protocol: 'tcp', remote_group_id: 'elsewhere'}, {protocol: 'udp', remote_address_group_id: 'ag1'}])
    const plan = planGroupSync({source, sourceGroups: [source], targetGroups: [group('web-t', 'web', [])], prune: true})
    expect(texts(plan)).toEqual([['web', [], []]])
    expect(plan.skipped).toHaveLength(2)
    expect(plan.skipped[0]).toMatch(/refers to group elsewhere, which is not in the project/)
    expect(plan.skipped[1]).toMatch(/uses an address group/)
  })

  it('two groups of that name in the target: an error, not a guess', () => {
    expect(() => planGroupSync({source: web, sourceGroups: [web], targetGroups: [group('a', 'web', []), group('b', 'web', [])], prune: false})).toThrow(
      "More than one SecurityGroup exists with the name 'web'",
    )
  })
})

describe('findSourceGroup (openstacksdk find, the region named)', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())
  const neutron = async () => {
    const s = await fakes.start('neutron')
    return {s, c: fakeClient(s, {service: 'Neutron', type: 'network', basePath: '/v2.0', region: 'CentralRegion'})}
  }
  const notFound = {status: 404, json: {NeutronError: {message: 'not found'}}}
  const sg = (id: string, name: string, project_id = 'p') => ({id, name, project_id, security_group_rules: []})

  it('by name: one list of the project, which is also the groups returned', async () => {
    const {s, c} = await neutron()
    s.on({method: 'GET', path: '/v2.0/security-groups/web', token: TOKEN, reply: notFound})
    s.on({method: 'GET', path: '/v2.0/security-groups', query: {project_id: 'p'}, token: TOKEN, reply: {json: {security_groups: [sg('g1', 'web'), sg('g2', 'db')]}}})
    const got = await findSourceGroup(c, 'web', 'p')
    expect([got.group.id, got.groups.map((g) => g.id)]).toEqual(['g1', ['g1', 'g2']])
  })

  it("by ID: the groups of the group's own project", async () => {
    const {s, c} = await neutron()
    s.on({method: 'GET', path: '/v2.0/security-groups/g9', token: TOKEN, reply: {json: {security_group: sg('g9', 'web', 'other')}}})
    s.on({method: 'GET', path: '/v2.0/security-groups', query: {project_id: 'other'}, token: TOKEN, reply: {json: {security_groups: [sg('g9', 'web', 'other')]}}})
    const got = await findSourceGroup(c, 'g9', 'p')
    expect([got.group.id, got.groups.length]).toEqual(['g9', 1])
  })

  it('none or several: the error names the region (and the IDs)', async () => {
    const {s, c} = await neutron()
    s.on({method: 'GET', path: '/v2.0/security-groups/web', token: TOKEN, reply: notFound, times: 2})
    s.on({
      method: 'GET', path: '/v2.0/security-groups', query: {project_id: 'p'}, token: TOKEN,
      reply: [{json: {security_groups: []}}, {json: {security_groups: [sg('g1', 'web'), sg('g2', 'web')]}}],
    })
    await expect(findSourceGroup(c, 'web', 'p')).rejects.toThrow(new NotFoundError('No SecurityGroup found for web in CentralRegion', 'SecurityGroup', 'web'))
    await expect(findSourceGroup(c, 'web', 'p')).rejects.toThrow("More than one SecurityGroup exists with the name 'web' in CentralRegion: g1, g2")
  })
})
