import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterEach, beforeEach} from 'vitest'

/** A fresh temp folder for each test (removed afterwards): `const tmp = useTempDir(); … tmp.path`. */
export function useTempDir(prefix = 'mrctl-unit-'): {readonly path: string} {
  let current = ''
  beforeEach(async () => {
    current = await mkdtemp(join(tmpdir(), prefix))
  })
  afterEach(async () => {
    if (current) await rm(current, {recursive: true, force: true})
    current = ''
  })
  return {
    get path() {
      if (!current) throw new Error('useTempDir: only inside a test')
      return current
    },
  }
}
