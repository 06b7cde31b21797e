/**
 * Records what the real services of this machine answer to the reference scenarios, into
 * test/fixtures/sim-reference/<scenario>.json. Needs ../shared/real-openstack up.
 *
 *   npx tsx test/unit/sim/reference/record.ts [scenario…]
 */
import {readFileSync, writeFileSync, mkdirSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {parse} from 'yaml'

import {runScenario, type Service, type Target} from './runner.js'
import {SCENARIOS} from './scenarios.js'

const ROOT = resolve(import.meta.dirname, '../../../..')
const OUT = join(ROOT, 'test/fixtures/sim-reference')
const CLOUDS = process.env.MRCTL_IT_CLOUDS ?? '/var/tmp/real-openstack/clouds.yaml'
const clouds = (parse(readFileSync(CLOUDS, 'utf8')) as {clouds: Record<string, {auth: Record<string, string>}>}).clouds
const admin = clouds['real-openstack'].auth
const demo = clouds['real-openstack-demo'].auth
const authUrl = admin.auth_url.replace(/\/v3\/?$/, '')

async function token(user: 'admin' | 'demo'): Promise<{id: string; body: any}> {
  const a = user === 'admin' ? admin : demo
  const res = await fetch(`${authUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({auth: {identity: {methods: ['password'], password: {user: {name: a.username, domain: {name: 'Default'}, password: a.password}}}, scope: {project: {name: a.project_name, domain: {name: 'Default'}}}}}),
  })
  if (res.status !== 201) throw new Error(`no ${user} token: ${res.status}`)
  return {id: res.headers.get('x-subject-token')!, body: await res.json()}
}

const {body} = await token('admin')
const catalog = body.token.catalog as Array<{type: string; endpoints: Array<{region_id: string; interface: string; url: string}>}>
const target: Target = {
  endpoint(service: Service, region: string) {
    if (service === 'identity') return authUrl
    const e = catalog.find((s) => s.type === service)?.endpoints.find((x) => x.region_id === region && x.interface === 'public')
    if (!e) throw new Error(`no ${service} in ${region}`)
    return e.url
  },
  token: async (user) => (await token(user)).id,
  vars: {project: body.token.project.id, admin_password: admin.password},
  pause: () => new Promise((r) => setTimeout(r, 250)),
}

mkdirSync(OUT, {recursive: true})
const only = process.argv.slice(2)
for (const s of SCENARIOS.filter((x) => only.length === 0 || only.includes(x.name))) {
  const exchanges = await runScenario(target, s)
  writeFileSync(join(OUT, `${s.name}.json`), `${JSON.stringify({recorded_from: 'shared/real-openstack (Keystone 22, Neutron 21, Glance 25, Octavia 11; OpenStack Zed)', scenario: s.name, exchanges}, null, 2)}\n`)
  console.log(`${s.name}: ${Object.keys(exchanges).length} exchanges`)
}
