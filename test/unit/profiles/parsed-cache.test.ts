import {mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {loadCloudsYaml} from '../../../src/profiles/clouds-yaml.js'
import {cachedParse, useParsedCache} from '../../../src/profiles/parsed-cache.js'

afterEach(() => useParsedCache(undefined))

const CLOUDS = `clouds:
  lab:
    auth:
      auth_url: https://keystone.example:5000/v3
      username: alice
      password: s3cret-pw
    region_name: RegionOne
`

function setup(): {dir: string; cache: string; clouds: string} {
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-parsed-'))
  const clouds = join(dir, 'clouds.yaml')
  writeFileSync(clouds, CLOUDS, {mode: 0o600})
  return {dir, cache: join(dir, 'cache', 'parsed'), clouds}
}

describe('the parsed-file cache', () => {
  it('reads an unchanged clouds.yaml back without parsing it again', async () => {
    const {cache, clouds} = setup()
    useParsedCache(cache)
    const first = await loadCloudsYaml({file: clouds})
    let parsed = 0
    const again = await cachedParse(readFileSync(clouds, 'utf8'), clouds, async () => ++parsed)
    expect(parsed).toBe(0)
    expect(again).toEqual({clouds: first!.clouds})
    expect((await loadCloudsYaml({file: clouds}))!.clouds.lab.auth?.password).toBe('s3cret-pw')
  })

  it('parses a changed file again, whatever its mtime', async () => {
    const {cache, clouds} = setup()
    useParsedCache(cache)
    await loadCloudsYaml({file: clouds})
    const {mtime} = statSync(clouds)
    writeFileSync(clouds, CLOUDS.replace('RegionOne', 'RegionTwo'))
    utimesSync(clouds, mtime, mtime)
    expect((await loadCloudsYaml({file: clouds}))!.clouds.lab.region_name).toBe('RegionTwo')
  })

  it('keeps its copy private (0600 file, 0700 folder): it holds what the file holds', async () => {
    const {cache, clouds} = setup()
    useParsedCache(cache)
    await loadCloudsYaml({file: clouds})
    const [entry] = readdirSync(cache)
    expect(statSync(cache).mode & 0o777).toBe(0o700)
    expect(statSync(join(cache, entry)).mode & 0o777).toBe(0o600)
    expect(entry).not.toContain('clouds')
  })

  it('takes a corrupt entry as a miss', async () => {
    const {cache, clouds} = setup()
    useParsedCache(cache)
    await loadCloudsYaml({file: clouds})
    const [entry] = readdirSync(cache)
    writeFileSync(join(cache, entry), '{not json')
    expect((await loadCloudsYaml({file: clouds}))!.clouds.lab.auth?.username).toBe('alice')
  })

  it('keeps nothing for data JSON would not give back as it was (a YAML .inf)', async () => {
    const {cache, dir} = setup()
    useParsedCache(cache)
    const file = join(dir, 'odd.yaml')
    writeFileSync(file, 'clouds:\n  x:\n    timeout: .inf\n')
    expect(((await loadCloudsYaml({file}))!.clouds.x as {timeout: number}).timeout).toBe(Infinity)
    expect(() => readdirSync(cache)).toThrow()
  })

  it('is off unless the CLI turns it on: nothing is written', async () => {
    const {dir, clouds} = setup()
    await loadCloudsYaml({file: clouds})
    expect(readdirSync(dir)).toEqual(['clouds.yaml'])
  })
})
