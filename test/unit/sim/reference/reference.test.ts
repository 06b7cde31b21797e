// The simulator against what the real Keystone, Neutron, Glance and Octavia of this machine answered
// to the same requests (test/fixtures/sim-reference, recorded by record.ts): status codes, content
// types, OpenStack headers, body shapes, chosen values and error texts, request by request.
import {readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {type SimCloud, startCloud} from '../../../../src/sim/cloud/cloud.js'
import {type Exchange, runScenario, type Service, type Target} from './runner.js'
import {SCENARIOS} from './scenarios.js'

const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/sim-reference')

let cloud: SimCloud

beforeAll(async () => {
  // Manual time: PENDING_* states stay until a wait step moves the clock, as the real worker takes its time.
  cloud = await startCloud({time: 'manual'})
})

afterAll(async () => {
  await cloud?.close()
})

function target(): Target {
  const endpoints = cloud.endpoints()
  return {
    endpoint(service: Service, region: string) {
      if (service === 'identity') return cloud.authUrl.replace(/\/v3$/, '')
      const e = endpoints.find((x) => x.service === service && x.region === region)
      if (!e) throw new Error(`no ${service} in ${region}`)
      return e.url
    },
    async token(user) {
      const u = cloud.users[user]
      const res = await fetch(`${cloud.authUrl}/auth/tokens`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({auth: {identity: {methods: ['password'], password: {user: {name: u.username, domain: {name: 'Default'}, password: u.password}}}, scope: {project: {name: u.project_name, domain: {name: 'Default'}}}}}),
      })
      expect(res.status).toBe(201)
      return res.headers.get('x-subject-token')!
    },
    vars: {
      project: cloud.keystone.data.projects.find((p) => p.name === 'admin')!.id,
      admin_password: cloud.users.admin.password,
    },
    pause: async () => {
      cloud.tick(0.5)
    },
  }
}

describe.each(SCENARIOS)('the simulated $name answers as the real one', (scenario) => {
  const recorded = JSON.parse(readFileSync(join(FIXTURES, `${scenario.name}.json`), 'utf8')) as {exchanges: Record<string, Exchange>}
  let got: Record<string, Exchange>

  beforeAll(async () => {
    got = await runScenario(target(), scenario)
  })

  const ids = scenario.steps.filter((s) => !s.wait).map((s) => s.id)
  it.each(ids)('%s', (id) => {
    const want = recorded.exchanges[id]
    expect(want, `no recording for ${id}: run record.ts`).toBeDefined()
    expect(got[id]).toEqual(want)
  })
})
