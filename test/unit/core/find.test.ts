import {describe, expect, it} from 'vitest'

import {AmbiguousError, ApiError, NotFoundError} from '../../../src/core/errors.js'
import {find, findMessages, isUuidLike} from '../../../src/core/find.js'

const ID = '9a1c3f45-dfd1-4069-aceb-395e874a3bf5'

function apiError(status: number): ApiError {
  return new ApiError('Neutron', status, 'nope', undefined, 'http://x/v2.0/networks/n')
}

/** A resource store: GET by ID answers `getStatus` when the ID is unknown; the list filters by name. */
function store<T extends {id: string}>(items: T[], getStatus = 404, nameAttr = 'name') {
  const calls: string[] = []
  return {
    calls,
    get: async (id: string) => {
      calls.push(`get ${id}`)
      const hit = items.find((x) => x.id === id)
      if (!hit) throw apiError(getStatus)
      return hit
    },
    // A server filter that is looser than an exact match (the match is checked again).
    list: async (name: string) => {
      calls.push(`list ${name}`)
      return items.filter((x) => String((x as Record<string, unknown>)[nameAttr]).startsWith(name))
    },
  }
}

describe("find: openstacksdk's rule", () => {
  it('an ID is found by GET, without a list', async () => {
    const s = store([{id: ID, name: 'net1'}])
    expect(await find({resource: 'Network', ...s}, ID)).toEqual({id: ID, name: 'net1'})
    expect(s.calls).toEqual([`get ${ID}`])
  })

  it.each([404, 400, 403])('a %d on the GET means "not an ID": the name is listed', async (status) => {
    const s = store([{id: ID, name: 'net1'}, {id: 'other', name: 'net10'}], status)
    expect((await find({resource: 'Network', ...s}, 'net1')).id).toBe(ID)
    expect(s.calls).toEqual(['get net1', 'list net1'])
  })

  it('any other failure of the GET is the answer', async () => {
    const s = store([{id: ID, name: 'net1'}], 500)
    await expect(find({resource: 'Network', ...s}, 'net1')).rejects.toMatchObject({status: 500})
  })

  it('none: NotFoundError naming the resource and what was looked for', async () => {
    const s = store([{id: ID, name: 'net1'}])
    const error = await find({resource: 'Network', ...s}, 'nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toMatchObject({message: 'No Network found for nope', resource: 'Network', searched: 'nope'})
  })

  it('several: AmbiguousError listing the IDs', async () => {
    const s = store([{id: 'a', name: 'web'}, {id: 'b', name: 'web'}])
    const error = await find({resource: 'Port', ...s}, 'web').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AmbiguousError)
    expect(error).toMatchObject({message: "More than one Port exists with the name 'web': a, b", ids: ['a', 'b']})
  })

  it('a resource named by another attribute (floating IPs: floating_ip_address)', async () => {
    const s = store([{id: 'f1', floating_ip_address: '172.24.4.10'}, {id: 'f2', floating_ip_address: '172.24.4.100'}], 404, 'floating_ip_address')
    const found = await find({resource: 'FloatingIP', nameAttr: 'floating_ip_address', ...s}, '172.24.4.10')
    expect(found.id).toBe('f1')
  })

  it("python-octaviaclient's rule: only a UUID is tried as an ID, with its texts", async () => {
    const s = store([{id: 'a', name: 'lb'}, {id: 'b', name: 'lb'}])
    const spec = {resource: 'loadbalancers', ...s, mayBeId: isUuidLike, messages: findMessages.octavia}
    await expect(find(spec, 'lb')).rejects.toThrow('2 loadbalancers found with name or ID of lb. Please try again with UUID')
    await expect(find(spec, 'none')).rejects.toThrow('Unable to locate none in loadbalancers')
    expect(s.calls).toEqual(['list lb', 'list none'])
  })

  it("osc-lib's texts (Keystone projects)", async () => {
    const s = store<{id: string; name: string}>([])
    await expect(find({resource: 'project', ...s, messages: findMessages.oscLib}, 'demo')).rejects.toThrow("No project with a name or ID of 'demo' exists.")
  })
})

describe('isUuidLike', () => {
  it("oslo's forms", () => {
    expect(isUuidLike(ID)).toBe(true)
    expect(isUuidLike(ID.replaceAll('-', ''))).toBe(true)
    expect(isUuidLike(`{${ID}}`)).toBe(true)
    expect(isUuidLike(`urn:uuid:${ID}`)).toBe(true)
    expect(isUuidLike('net1')).toBe(false)
    expect(isUuidLike(`${ID}0`)).toBe(false)
  })
})
