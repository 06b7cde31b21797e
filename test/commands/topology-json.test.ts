/**
 * The `--json` results of `topology plan` and `topology status` keep their shape (schemas in
 * test/contract/schemas/), read from the simulated cloud started in this process on free ports
 * (nothing created: a plan and a status only read). MRCTL_SCHEMA_DUMP=<folder> writes each result.
 */
import {Ajv} from 'ajv'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {type SimCloud, startCloud} from '../../src/sim/cloud/cloud.js'
import {runInProcess} from './in-process.js'

const SCHEMAS = join(import.meta.dirname, '..', 'contract', 'schemas')
const TOPOLOGY = `name: schema-check
pods:
  - region: CentralRegion
  - region: RegionOne
    availability_zone: az1
images:
  - name: schema-img
    file: img.tar
    container_format: docker
    disk_format: raw
    regions: [RegionOne]
networks:
  - name: schema-net
    region: CentralRegion
    subnets:
      - name: schema-subnet
        cidr: 10.0.70.0/24
containers:
  - name: schema-c1
    region: RegionOne
    image: schema-img
    networks: [schema-net]
    command: [sleep, "600"]
`

describe('topology plan/status --json match their schemas (simulated cloud, in this process)', () => {
  let cloud: SimCloud
  let env: Record<string, string>
  let file: string
  const ajv = new Ajv({allErrors: true, strict: true})

  beforeAll(async () => {
    cloud = await startCloud({time: 'immediate'})
    const dir = mkdtempSync(join(tmpdir(), 'mrctl-topo-json-'))
    writeFileSync(join(dir, 'clouds.yaml'), JSON.stringify(cloud.cloudsDocument('topo')), {mode: 0o600})
    writeFileSync(join(dir, 'img.tar'), 'not really an image')
    file = join(dir, 'topology.yaml')
    writeFileSync(file, TOPOLOGY)
    env = {OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), OS_CLOUD: 'topo', MRCTL_CONFIG_DIR: join(dir, 'config')}
  })
  afterAll(async () => {
    await cloud?.close({persist: false})
  })

  it.each([['topology plan'], ['topology status']])('%s', async (name) => {
    const r = await runInProcess([...name.split(' '), '-f', file, '--json'], env)
    expect(r.stderr, r.stdout).toBe('')
    expect(r.code, r.stdout).toBe(0)
    const result = (JSON.parse(r.stdout) as {result: unknown}).result
    if (process.env.MRCTL_SCHEMA_DUMP) writeFileSync(join(process.env.MRCTL_SCHEMA_DUMP, `${name.replaceAll(' ', '-')}.json`), JSON.stringify(result, null, 2))
    const validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, `${name.replaceAll(' ', '-')}.json`), 'utf8')) as object)
    expect(validate(result) ? [] : validate.errors).toEqual([])
  })
})
