import {describe, expect, it} from 'vitest'

import {
  buildPatch,
  createBody,
  filterByProperties,
  type Image,
  parseSort,
  sortImages,
} from '../../../../src/clients/glance/images.js'
import {UsageError} from '../../../../src/core/errors.js'

function image(over: Partial<Image>): Image {
  return {
    id: 'id',
    name: 'n',
    status: 'active',
    visibility: 'shared',
    protected: false,
    checksum: null,
    size: null,
    min_disk: 0,
    min_ram: 0,
    disk_format: 'raw',
    container_format: 'bare',
    owner: 'p',
    tags: [],
    created_at: '',
    updated_at: '',
    ...over,
  }
}

function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('no error was thrown')
}

describe('glance images: what the commands send', () => {
  it('createBody is what openstacksdk POSTs: options, then properties, then its owner_specified stamps', () => {
    const body = createBody({
      name: 'cirros',
      disk_format: 'raw',
      container_format: 'docker',
      visibility: 'public',
      protected: true,
      min_disk: 1,
      min_ram: 0,
      tags: ['b', 'a'],
      properties: {zz: '1', aa: '2'},
    })
    expect(body).toEqual({
      name: 'cirros',
      disk_format: 'raw',
      container_format: 'docker',
      visibility: 'public',
      protected: true,
      min_disk: 1,
      tags: ['b', 'a'],
      zz: '1',
      aa: '2',
      'owner_specified.openstack.md5': '',
      'owner_specified.openstack.sha256': '',
      'owner_specified.openstack.object': 'images/cirros',
    })
    // min_ram 0 is left out (the openstack client only sends values that are set and truthy)
    expect('min_ram' in body).toBe(false)
    expect(Object.keys(body).slice(-5)).toEqual(['zz', 'aa', 'owner_specified.openstack.md5', 'owner_specified.openstack.sha256', 'owner_specified.openstack.object'])
  })

  it('buildPatch adds each change (add replaces), merges tags without duplicates, escapes JSON pointers', () => {
    const ops = buildPatch(image({tags: ['t1']}), {
      name: 'new',
      min_ram: 0,
      protected: false,
      visibility: 'private',
      os_hidden: true,
      tags: ['t2', 't1'],
      properties: {'a/b~c': 'x', os_distro: 'cirros'},
    })
    expect(ops).toEqual([
      {op: 'add', path: '/a~1b~0c', value: 'x'},
      {op: 'add', path: '/os_distro', value: 'cirros'},
      {op: 'add', path: '/name', value: 'new'},
      {op: 'add', path: '/min_ram', value: 0},
      {op: 'add', path: '/protected', value: false},
      {op: 'add', path: '/visibility', value: 'private'},
      {op: 'add', path: '/os_hidden', value: true},
      {op: 'add', path: '/tags', value: ['t1', 't2']},
    ])
    expect(buildPatch(image({}), {})).toEqual([])
  })
})

describe('glance images: list filters and sorting as the openstack client applies them', () => {
  const a = image({id: 'a', name: 'b-img', size: 10240, os_distro: 'ubuntu', min_ram: 5, protected: false})
  const b = image({id: 'b', name: 'a-img', size: 5000, os_distro: 'cirros', min_ram: 0})
  const c = image({id: 'c', name: null, size: null})

  it('--property keeps images whose field or property is that same non-empty string', () => {
    expect(filterByProperties([a, b, c], {os_distro: 'ubuntu'}).map((i) => i.id)).toEqual(['a'])
    expect(filterByProperties([a, b, c], {name: 'a-img'}).map((i) => i.id)).toEqual(['b'])
    // numbers and booleans never equal a string in Python: openstack lists nothing for these
    expect(filterByProperties([a, b, c], {min_ram: '5'})).toEqual([])
    expect(filterByProperties([a, b, c], {protected: 'False'})).toEqual([])
    expect(filterByProperties([a, b, c], {os_distro: 'ubuntu', name: 'a-img'})).toEqual([])
    expect(filterByProperties([a, b, c], {})).toEqual([a, b, c])
  })

  it('sorts by the str() of each value, None as "None", several keys, stable', () => {
    expect(sortImages([a, b, c], parseSort('name:asc')).map((i) => i.id)).toEqual(['c', 'b', 'a'])
    expect(sortImages([a, b, c], parseSort('name')).map((i) => i.id)).toEqual(['c', 'b', 'a'])
    // sizes compare as strings, as `openstack image list --sort size` does: '10240' < '5000' < 'None'
    expect(sortImages([b, c, a], parseSort('size')).map((i) => i.id)).toEqual(['a', 'b', 'c'])
    expect(sortImages([a, b, c], parseSort('size:desc')).map((i) => i.id)).toEqual(['c', 'b', 'a'])
    const same = [image({id: '1', status: 'x', name: 'b'}), image({id: '2', status: 'x', name: 'a'}), image({id: '3', status: 'w', name: 'c'})]
    expect(sortImages(same, parseSort('status,name:desc')).map((i) => i.id)).toEqual(['3', '1', '2'])
    expect(parseSort('owner_id:desc,is_protected')).toEqual([
      {field: 'owner', descending: true},
      {field: 'protected', descending: false},
    ])
  })

  it('refuses a bad --sort before anything is sent', () => {
    expect(thrown(() => parseSort('nme')).message).toBe("Resource doesn't have field nme")
    expect(thrown(() => parseSort('name:up')).message).toBe("'up' is not a valid sort direction for sort key name, use 'asc' or 'desc' instead")
    expect(thrown(() => parseSort('name:')).message).toBe(
      "'<empty string>' is not a valid sort direction for sort key name, use 'asc' or 'desc' instead",
    )
    expect(thrown(() => parseSort(':asc'))).toBeInstanceOf(UsageError)
  })
})
