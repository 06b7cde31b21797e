import {describe, expect, it} from 'vitest'

import {tagsAfterSet} from '../../../src/core/tags.js'

describe('tagsAfterSet (Neutron and Octavia create/set)', () => {
  it('current plus new, sorted; --no-tag clears first; undefined when nothing changes', () => {
    expect(tagsAfterSet([], ['b', 'a'], false)).toEqual(['a', 'b'])
    expect(tagsAfterSet(['x'], ['a'], true)).toEqual(['a'])
    expect(tagsAfterSet(['x'], undefined, true)).toEqual([])
    expect(tagsAfterSet(['a', 'b'], ['a'], false)).toBeUndefined()
    expect(tagsAfterSet([], undefined, undefined)).toBeUndefined()
  })

  it('a resource without tags yet (Octavia leaves the key out)', () => {
    expect(tagsAfterSet(undefined, ['web'], false)).toEqual(['web'])
    expect(tagsAfterSet(undefined, undefined, true)).toBeUndefined()
  })
})
