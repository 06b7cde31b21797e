// The image commands against the real Glance in RegionOne and RegionTwo, compared with what the real
// `openstack` client prints: recorded (test/fixtures/osc/glance, keys, order and value types) and,
// when the client is installed, live for the very same image.
import {execFile, spawn} from 'node:child_process'
import {createHash, randomBytes} from 'node:crypto'
import {closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ADMIN_CLOUD, CLOUDS, mrctl, ROOT, type RunResult, tempConfigDir, uniqueName} from './harness.js'

const REGIONS = ['RegionOne', 'RegionTwo'] as const
type Region = (typeof REGIONS)[number]
const at = (r: string) => ['--os-region-name', r]
const configDir = tempConfigDir()
const run = (args: string[]) => mrctl(args, {configDir})

const FIX = join(ROOT, 'test/fixtures/osc/glance')
const fixture = (f: string) => JSON.parse(readFileSync(join(FIX, f), 'utf8')) as unknown

/** The skeleton of a JSON value: keys in their order, each value replaced by its type. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? ['array of', shape(v[0])] : ['array']
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
  return v === null ? 'null' : typeof v
}
const sameShape = (got: unknown, recorded: string) => expect(JSON.stringify(shape(got), null, 1)).toBe(JSON.stringify(shape(fixture(recorded)), null, 1))

const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('hex')
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex')

const osc = promisify(execFile)
const env = {...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: ADMIN_CLOUD}

const work = mkdtempSync(join(tmpdir(), 'mrctl-it-glance-'))
const data = randomBytes(10_240 + 37)
const file = join(work, 'image.raw')
const name = uniqueName('mrctl-it-glance')
const created = {} as Record<Region, RunResult>
const id = {} as Record<Region, string>
/** Everything this file created, deleted at the end whatever happened. */
const cleanup: Array<{region: string; id: string}> = []

async function listByName(region: string, n: string): Promise<unknown[]> {
  const res = await run(['image', 'list', '--name', n, '-f', 'json', ...at(region)])
  expect(res.code, res.stderr).toBe(0)
  return res.json as unknown[]
}

beforeAll(async () => {
  writeFileSync(file, data)
  await Promise.all(
    REGIONS.map(async (r) => {
      const res = await run([
        'image', 'create', name, '--file', file, '--container-format', 'docker', '--disk-format', 'raw',
        '--property', 'fixture=yes', '--tag', 't1', '--progress', '-f', 'json', ...at(r),
      ])
      if (res.code !== 0) throw new Error(`image create in ${r} failed (${res.code}): ${res.stderr}`)
      created[r] = res
      id[r] = res.json.id
      cleanup.push({region: r, id: res.json.id})
    }),
  )
})

afterAll(async () => {
  for (const c of cleanup) await run(['image', 'delete', c.id, ...at(c.region)])
  rmSync(work, {recursive: true, force: true})
})

describe('glance: image create, show, list', () => {
  it('create prints the record as it was before the upload (queued), shaped as openstack prints it', () => {
    for (const r of REGIONS) {
      const res = created[r]
      expect(res.stderr).toBe('') // --progress draws nothing without a terminal
      expect(res.json).toMatchObject({name, status: 'queued', container_format: 'docker', disk_format: 'raw', tags: ['t1']})
      expect(res.json.properties).toMatchObject({fixture: 'yes', 'owner_specified.openstack.object': `images/${name}`})
      expect('size' in res.json).toBe(false)
      sameShape(res.json, 'image-create.json')
    }
  })

  it('show by name: the data that was uploaded, with the keys, order and value types openstack prints', async () => {
    for (const r of REGIONS) {
      const res = await run(['image', 'show', name, '-f', 'json', ...at(r)])
      expect(res.code, res.stderr).toBe(0)
      expect(res.json).toMatchObject({id: id[r], status: 'active', size: data.length, checksum: md5(data)})
      expect(res.json.properties).toMatchObject({os_hash_algo: 'sha512', os_hash_value: sha512(data), fixture: 'yes'})
      sameShape(res.json, 'image-show.json')
    }
  })

  it('prints what the real openstack client prints for the same image, in every format', async () => {
    const cases: Array<[Region, string[]]> = [
      ...['json', 'yaml', 'value', 'shell', 'table'].map((f): [Region, string[]] => ['RegionOne', ['image', 'show', id.RegionOne, '-f', f]]),
      ['RegionOne', ['image', 'show', id.RegionOne, '--human-readable', '-f', 'json']],
      ['RegionOne', ['image', 'list', '--name', name, '--long', '-f', 'json']],
      ['RegionOne', ['image', 'list', '--name', name, '-f', 'csv']],
      ['RegionTwo', ['image', 'show', id.RegionTwo, '-f', 'json']],
      ['RegionTwo', ['image', 'show', id.RegionTwo, '-f', 'table']],
    ]
    for (const [r, args] of cases) {
      const [real, mine] = await Promise.all([osc('openstack', ['--os-region-name', r, ...args], {env}), run([...args, ...at(r)])])
      expect(mine.code, mine.stderr).toBe(0)
      expect(mine.stdout, `${r}: ${args.join(' ')}`).toBe(real.stdout)
    }
  })

  it('list: --name, --long and --property filter in one region', async () => {
    const short = await run(['image', 'list', '--name', name, '-f', 'json', ...at('RegionOne')])
    expect(short.code, short.stderr).toBe(0)
    expect(short.json).toEqual([{ID: id.RegionOne, Name: name, Status: 'active'}])
    const long = await run(['image', 'list', '--name', name, '--long', '-f', 'json', ...at('RegionOne')])
    expect(long.json[0]).toMatchObject({ID: id.RegionOne, 'Disk Format': 'raw', 'Container Format': 'docker', Size: data.length, Tags: ['t1']})
    sameShape(long.json, 'image-list-long.json')
    const byProp = await run(['image', 'list', '--property', `owner_specified.openstack.object=images/${name}`, '-f', 'value', '-c', 'ID', ...at('RegionOne')])
    expect(byProp.stdout).toBe(`${id.RegionOne}\n`)
    const none = await run(['image', 'list', '--name', name, '--property', 'fixture=no', '-f', 'json', ...at('RegionOne')])
    expect(none.json).toEqual([])
  })

  it('list across regions: a Region column; a region that fails is named on stderr and the exit code is 3', async () => {
    const all = await run(['image', 'list', '--all-regions', '--name', name, '-f', 'json'])
    expect(all.code, all.stderr).toBe(0)
    expect(all.json).toEqual([
      {Region: 'RegionOne', ID: id.RegionOne, Name: name, Status: 'active'},
      {Region: 'RegionTwo', ID: id.RegionTwo, Name: name, Status: 'active'},
    ])
    const partial = await run(['image', 'list', '--region', 'CentralRegion', '--region', 'RegionTwo', '--name', name, '-f', 'json'])
    expect(partial.code).toBe(3)
    expect(partial.json).toEqual([{Region: 'RegionTwo', ID: id.RegionTwo, Name: name, Status: 'active'}])
    expect(partial.stderr).toContain('CentralRegion: public endpoint for image service in CentralRegion region not found')
  })
})

describe('glance: image set, save', () => {
  it('set changes what openstack changes and prints nothing; show then has the types openstack shows', async () => {
    const res = await run([
      'image', 'set', name, '--property', 'hw_cpu_cores=2', '--property', 'hw_boot_menu=false', '--os-distro', 'cirros',
      '--tag', 't2', '--min-ram', '64', ...at('RegionOne'),
    ])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toBe('')
    const show = await run(['image', 'show', id.RegionOne, '-f', 'json', ...at('RegionOne')])
    expect(show.json.min_ram).toBe(64)
    // Glance keeps tags as a set: their order in the answer is not stable.
    expect([...show.json.tags].sort()).toEqual(['t1', 't2'])
    // openstacksdk types these properties: '2' → 2 and, Python's bool('false') being True, 'false' → true
    expect(show.json.properties).toMatchObject({hw_cpu_cores: 2, hw_boot_menu: true, os_distro: 'cirros'})
    sameShape(show.json, 'image-show-after-set.json')
  })

  it('save writes the same bytes, checked against the hash Glance reports, and nothing else', async () => {
    for (const r of REGIONS) {
      const out = join(work, `saved-${r}.raw`)
      const res = await run(['image', 'save', name, '--file', out, '--json', ...at(r)])
      expect(res.code, res.stderr).toBe(0)
      expect(res.json.result).toEqual({id: id[r], file: out, bytes: data.length, verified: 'sha512'})
      expect(readFileSync(out).equals(data)).toBe(true)
    }
    expect(readdirSync(work).sort()).toEqual(['image.raw', 'saved-RegionOne.raw', 'saved-RegionTwo.raw'])
  })

  it('save to stdout streams the raw bytes', async () => {
    const child = spawnMrctl(['image', 'save', id.RegionTwo, ...at('RegionTwo')])
    const chunks: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => chunks.push(d))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    expect(Buffer.concat(chunks).equals(data)).toBe(true)
  })
})

describe('glance: bad input', () => {
  it('a --file that does not exist: exit 2, the file is named, and no image is created', async () => {
    const other = uniqueName('mrctl-it-glance-nofile')
    const missing = join(work, 'missing.img')
    const res = await run(['image', 'create', other, '--file', missing, ...at('RegionOne')])
    expect(res.code).toBe(2)
    expect(res.stderr.split('\n')[0]).toBe(`--file ${missing}: no such file`)
    expect(res.stdout).toBe('')
    expect(await listByName('RegionOne', other)).toEqual([])
  })

  it('a folder as --file: exit 2, and no image is created', async () => {
    const other = uniqueName('mrctl-it-glance-dir')
    const res = await run(['image', 'create', other, '--file', work, ...at('RegionTwo')])
    expect(res.code).toBe(2)
    expect(res.stderr.split('\n')[0]).toBe(`--file ${work} is a directory, not an image file`)
    expect(await listByName('RegionTwo', other)).toEqual([])
  })

  it('an unknown image: "No Image found for X", exit 1, and save leaves no file', async () => {
    const ghost = uniqueName('no-such-image')
    const res = await run(['image', 'show', ghost, ...at('RegionOne')])
    expect(res.code).toBe(1)
    expect(res.stderr).toBe(`No Image found for ${ghost}\n`)
    const out = join(work, 'ghost.raw')
    const save = await run(['image', 'save', ghost, '--file', out, ...at('RegionOne')])
    expect(save.code).toBe(1)
    expect(existsSync(out)).toBe(false)
  })

  it('an ambiguous name: the error lists every matching ID, exit 1, and delete by that name deletes nothing', async () => {
    const twin = await run(['image', 'create', name, '-f', 'value', '-c', 'id', ...at('RegionOne')])
    expect(twin.code, twin.stderr).toBe(0)
    const twinId = twin.stdout.trim()
    cleanup.push({region: 'RegionOne', id: twinId})
    const res = await run(['image', 'show', name, ...at('RegionOne')])
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(new RegExp(`^More than one Image exists with the name '${name}': `))
    expect(res.stderr).toContain(id.RegionOne)
    expect(res.stderr).toContain(twinId)
    const del = await run(['image', 'delete', name, ...at('RegionOne')])
    expect(del.code).toBe(1)
    expect(del.stderr).toContain('1 of 1 images failed to delete.')
    expect((await listByName('RegionOne', name)).length).toBe(2)
    const byId = await run(['image', 'delete', twinId, ...at('RegionOne')])
    expect(byId.code, byId.stderr).toBe(0)
  })

  it('Ctrl-C during the upload deletes the image record and exits 130', async () => {
    const big = join(work, 'sparse.raw')
    const fd = openSync(big, 'w')
    ftruncateSync(fd, 256 * 1024 * 1024)
    closeSync(fd)
    const other = uniqueName('mrctl-it-glance-sigint')
    // The PUT's debug line says the upload has started: interrupt then (no sleeping).
    const child = spawnMrctl(['image', 'create', other, '--file', big, '--debug', ...at('RegionOne')])
    let stderr = ''
    let sent = false
    child.stderr.on('data', (d: Buffer) => {
      stderr += d
      if (!sent && stderr.includes('REQ BODY: <streamed>')) {
        sent = true
        child.kill('SIGINT')
      }
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    rmSync(big)
    expect(sent).toBe(true)
    expect(code).toBe(130)
    expect(stderr).toMatch(/Upload of .*sparse\.raw to image [0-9a-f-]{36} in RegionOne interrupted\. The image record was deleted\./)
    expect(await listByName('RegionOne', other)).toEqual([])
  })
})

describe('glance: image delete', () => {
  it('deletes several, reports the one that fails, and ends with "N of M images failed to delete."', async () => {
    const ghost = uniqueName('no-such-image')
    const res = await run(['image', 'delete', id.RegionOne, ghost, ...at('RegionOne')])
    // One deleted, one failed: partial success (exit 3).
    expect(res.code).toBe(3)
    expect(res.stderr).toBe(`Failed to delete image with name or ID '${ghost}': No Image found for ${ghost}\n1 of 2 images failed to delete.\n`)
    const gone = await run(['image', 'show', id.RegionOne, ...at('RegionOne')])
    expect(gone.stderr).toBe(`No Image found for ${id.RegionOne}\n`)
    const byName = await run(['image', 'delete', name, ...at('RegionTwo')])
    expect(byName.code, byName.stderr).toBe(0)
    expect(byName.stdout).toBe('')
    expect(await listByName('RegionTwo', name)).toEqual([])
  })
})

/** The built CLI as a child process, for what the harness does not do (signals, binary stdout). */
function spawnMrctl(args: string[]) {
  return spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {
    env: {...env, MRCTL_CONFIG_DIR: configDir, NO_COLOR: '1'},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}
