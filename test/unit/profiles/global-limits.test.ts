import {readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {GlobalLimitStore} from '../../../src/profiles/global-limits.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()
const P = {id: 'p-1', name: 'demo'}

describe('GlobalLimitStore (quota global set)', () => {
  it('stores limits per cloud and project in a 0600 file, merges later changes and removes unset ones', async () => {
    const store = new GlobalLimitStore(join(tmp.path, 'global-limits.yaml'))
    expect(await store.get('c1', P.id)).toBeUndefined()
    await store.update('c1', P, {set: {networks: 20, ports: 100}})
    await store.update('c1', P, {set: {ports: -1}, unset: ['networks']})
    await store.update('c2', P, {set: {networks: 5}})
    expect(await store.get('c1', P.id)).toEqual({name: 'demo', limits: {ports: -1}})
    expect(await store.get('c2', P.id)).toEqual({name: 'demo', limits: {networks: 5}})
    expect((await stat(store.path)).mode & 0o777).toBe(0o600)
    // Unsetting the last limit removes the project (and the cloud) from the file.
    await store.update('c2', P, {unset: ['networks']})
    expect(YAML.parse(await readFile(store.path, 'utf8'))).toEqual({clouds: {c1: {projects: {'p-1': {name: 'demo', limits: {ports: -1}}}}}})
  })

  it('parallel updates of different resources all land (read-modify-write under the lock)', async () => {
    const store = new GlobalLimitStore(join(tmp.path, 'global-limits.yaml'))
    const names = ['networks', 'subnets', 'ports', 'routers', 'secgroups', 'containers', 'cpu', 'memory']
    await Promise.all(names.map((n, i) => store.update('c1', P, {set: {[n]: i}})))
    expect((await store.get('c1', P.id))!.limits).toEqual(Object.fromEntries(names.map((n, i) => [n, i])))
  })

  it('a hand-edited file with a limit that is not a whole number is an error naming the file', async () => {
    const path = join(tmp.path, 'global-limits.yaml')
    await writeFile(path, 'clouds:\n  c1:\n    projects:\n      p-1:\n        limits: {networks: lots}\n', {mode: 0o600})
    await expect(new GlobalLimitStore(path).get('c1', 'p-1')).rejects.toThrow(`${path}: the limits of project p-1 in c1 are not whole numbers (-1 or more)`)
  })
})
