// `mrctl image sync` to two regions and more: RegionTwo and a RegionThree. Real target: the real
// Glance of RegionOne and RegionTwo, plus a third real Glance (RegionTwo's configuration on its own
// SQLite database) as RegionThree, since the real services have Glance in two regions only. Sim
// target: a simulated cloud of this file's own with a RegionThree (the target's sim is shaped like
// the real services), its Glances offering the import methods a real Glance does by default.
import {createHash} from 'node:crypto'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

// @ts-expect-error: a plain ESM helper shared with bench/image-sync.mjs
import {cloudsWithRegionThree, startExtraGlance} from '../../bench/lib/extra-glance.mjs'
import {CLOUDS, mrctl, startOwnSim, TARGET, tempConfigDir, uniqueName} from './harness.js'

const dir = tempConfigDir()
let clouds = ''
let third: {clouds: string; stop(): Promise<void>}
const run = (args: string[]) => mrctl(args, {configDir: dir, env: {OS_CLIENT_CONFIG_FILE: clouds}})
const name = uniqueName('it-sync')
const made: Array<{region: string; id: string}> = []
const DATA = Buffer.alloc(64 * 1024 * 1024)
for (let i = 0; i < DATA.length; i += 4096) DATA.writeUInt32BE(i, i)
const SHA512 = createHash('sha512').update(DATA).digest('hex')

/** What a real Glance offers unless told otherwise (glance-download must be enabled). */
const DEFAULT_IMPORT_METHODS = ['glance-direct', 'web-download', 'copy-image']

/** The target with a RegionThree that has a Glance of its own (offering `importMethods`), and its clouds.yaml. */
async function withRegionThree(file: string, importMethods?: string[]): Promise<{clouds: string; stop(): Promise<void>}> {
  if (TARGET === 'sim') {
    const own = await startOwnSim({
      regions: ['CentralRegion', 'RegionOne', 'RegionTwo', 'RegionThree'],
      services: {RegionTwo: ['network', 'image', 'container'], RegionThree: ['image']},
      glanceImportMethods: {RegionOne: DEFAULT_IMPORT_METHODS, RegionTwo: DEFAULT_IMPORT_METHODS, RegionThree: importMethods ?? DEFAULT_IMPORT_METHODS},
    })
    return {clouds: own.clouds, stop: () => own.sim.close()}
  }
  const glance = await startExtraGlance(importMethods ? {importMethods} : {})
  return {clouds: await cloudsWithRegionThree(CLOUDS, glance.url, join(dir, file)), stop: () => glance.stop()}
}

async function imagesIn(region: string): Promise<Array<{id: string; os_hash_value: string; status: string; 'mrctl.synced_from'?: string}>> {
  const r = await run(['image', 'list', '--os-region-name', region, '--name', name, '-f', 'json', '--long'])
  expect(r.code).toBe(0)
  return Promise.all(
    r.json.map(async (row: {ID: string}) => {
      const shown = (await run(['image', 'show', '--os-region-name', region, row.ID, '-f', 'json'])).json
      return {...shown, ...shown.properties}
    }),
  )
}

describe('image sync', () => {
  beforeAll(async () => {
    third = await withRegionThree('clouds.yaml')
    clouds = third.clouds
    writeFileSync(join(dir, 'data.img'), DATA)
    const r = await run(['image', 'create', '--os-region-name', 'RegionOne', '--file', join(dir, 'data.img'), '--container-format', 'docker', '--disk-format', 'raw', name, '-f', 'json'])
    expect(r.code).toBe(0)
    made.push({region: 'RegionOne', id: r.json.id})
  })

  afterAll(async () => {
    for (const m of made) await run(['image', 'delete', '--os-region-name', m.region, m.id])
    await third?.stop()
  })

  it('--dry-run: says what it would copy, and copies nothing', async () => {
    const r = await run(['image', 'sync', name, '--from', 'RegionOne', '--to', 'RegionTwo', '--to', 'RegionThree', '--dry-run', '-f', 'json'])
    expect(r.code).toBe(0)
    expect(r.json.map((x: {Region: string; Action: string}) => [x.Region, x.Action])).toEqual([['RegionTwo', 'copy'], ['RegionThree', 'copy']])
    expect(await imagesIn('RegionTwo')).toEqual([])
  })

  it('copies 64 MiB to two regions from one read of the source; the checksums are the source’s', async () => {
    const r = await run(['image', 'sync', name, '--from', 'RegionOne', '--to', 'RegionTwo', '--to', 'RegionThree', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.json.result.map((x: {region: string; status: string}) => [x.region, x.status])).toEqual([['RegionTwo', 'done'], ['RegionThree', 'done']])
    for (const region of ['RegionTwo', 'RegionThree']) {
      const imgs = await imagesIn(region)
      expect(imgs).toHaveLength(1)
      expect(imgs[0]).toMatchObject({status: 'active', os_hash_value: SHA512, 'mrctl.synced_from': `RegionOne/${made[0].id}`})
      made.push({region, id: imgs[0].id})
    }
  })

  it('a second run skips both targets (same checksum) and writes nothing', async () => {
    const r = await run(['image', 'sync', name, '--from', 'RegionOne', '--to', 'RegionTwo', '--to', 'RegionThree', '--json', '--debug'])
    expect(r.code).toBe(0)
    expect(r.json.result.map((x: {status: string}) => x.status)).toEqual(['skipped', 'skipped'])
    expect(r.stderr.split('\n').filter((l) => /^REQ: curl -g -i -X (POST|PUT|PATCH|DELETE) /.test(l) && !l.includes('/auth/tokens'))).toEqual([])
  })

  it('refuses a target that has an image of the name with other data (exit 3), and copies to the others', async () => {
    const three = made.find((m) => m.region === 'RegionThree')!
    expect((await run(['image', 'delete', '--os-region-name', 'RegionThree', three.id])).code).toBe(0)
    made.splice(made.indexOf(three), 1)
    writeFileSync(join(dir, 'other.img'), Buffer.from('other data'))
    const other = await run(['image', 'create', '--os-region-name', 'RegionThree', '--file', join(dir, 'other.img'), '--container-format', 'docker', '--disk-format', 'raw', name, '-f', 'json'])
    made.push({region: 'RegionThree', id: other.json.id})
    const r = await run(['image', 'sync', name, '--from', 'RegionOne', '--all-regions'])
    expect(r.code).toBe(3)
    expect(r.stdout).toMatch(/RegionTwo +\| skip +\| skipped/)
    expect(r.stdout).toMatch(/RegionThree +\| refuse +\| failed/)
    expect(r.stderr).toContain(`Warning: RegionThree: an image named ${name} with other data is there already (${other.json.id}`)
    expect((await imagesIn('RegionThree')).map((i) => i.id)).toEqual([other.json.id])
  })
})

describe('image sync --server-side', () => {
  let g4: {clouds: string; stop(): Promise<void>}
  let clouds4 = ''
  const sname = uniqueName('it-sync-ss')
  let src = ''
  const copies: Array<{region: string; id: string}> = []
  const run4 = (args: string[]) => mrctl(args, {configDir: dir, env: {OS_CLIENT_CONFIG_FILE: clouds4}})
  beforeAll(async () => {
    // This Glance advertises glance-download: it is asked to fetch the image from RegionOne itself.
    g4 = await withRegionThree('clouds4.yaml', [...DEFAULT_IMPORT_METHODS, 'glance-download'])
    clouds4 = g4.clouds
    writeFileSync(join(dir, 'small.img'), Buffer.alloc(64 * 1024, 3))
    const r = await run4(['image', 'create', '--os-region-name', 'RegionOne', '--file', join(dir, 'small.img'), '--container-format', 'docker', '--disk-format', 'raw', sname, '-f', 'json'])
    src = r.json.id
  })
  afterAll(async () => {
    for (const c of copies) await run4(['image', 'delete', '--os-region-name', c.region, c.id])
    await run4(['image', 'delete', '--os-region-name', 'RegionOne', src])
    await g4?.stop()
  })

  it('uses glance-download where it is advertised and streams elsewhere; an import the server fails leaves no image behind', async () => {
    const plan = await run4(['image', 'sync', sname, '--from', 'RegionOne', '--to', 'RegionTwo', '--to', 'RegionThree', '--server-side', '--dry-run', '-f', 'json'])
    expect(plan.json.map((x: Record<string, string>) => [x.Region, x.Action, x.Note])).toEqual([
      ['RegionTwo', 'copy', 'glance-download is not offered here: streamed instead'],
      ['RegionThree', 'server-side', 'the target Glance fetches it (glance-download)'],
    ])
    const r = await run4(['image', 'sync', sname, '--from', 'RegionOne', '--to', 'RegionTwo', '--to', 'RegionThree', '--server-side', '--json'])
    const byRegion = Object.fromEntries(r.json.result.map((x: {region: string}) => [x.region, x]))
    expect(byRegion.RegionTwo).toMatchObject({action: 'copy', status: 'done'})
    copies.push({region: 'RegionTwo', id: byRegion.RegionTwo.id})
    expect(byRegion.RegionThree.action).toBe('server-side')
    // The sim's Glance always reaches RegionOne's: there the import must succeed.
    if (TARGET === 'sim') expect(byRegion.RegionThree).toMatchObject({status: 'done'})
    if (byRegion.RegionThree.status === 'done') {
      expect(r.code).toBe(0)
      copies.push({region: 'RegionThree', id: byRegion.RegionThree.id})
    } else {
      // This Glance's worker cannot always reach RegionOne's: then the copy is reported and removed.
      expect(r.code).toBe(3)
      expect(byRegion.RegionThree.error).toMatch(/to become active failed/)
      const left = await run4(['image', 'list', '--os-region-name', 'RegionThree', '--name', sname, '-f', 'json'])
      expect(left.json).toEqual([])
    }
  })
})
