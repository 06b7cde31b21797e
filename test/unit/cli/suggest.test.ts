import {describe, expect, it} from 'vitest'

import NetworkList from '../../../commands/network/list.js'
import {closest, knownPrefix, suggestCommand} from '../../../src/cli/suggest.js'
import {suggestFlag, usageMessage} from '../../../src/cli/usage.js'

const IDS = ['image:create', 'image:list', 'image:delete', 'network:list', 'network:create', 'appcontainer:list', 'appcontainer:image:list']
const TOPICS = ['image', 'network', 'appcontainer', 'appcontainer:image']

describe('typo help', () => {
  it('a mistyped verb: the command meant, in mrctl’s words', () => {
    expect(suggestCommand(['image', 'craete', 'x'], IDS, TOPICS)).toBe('image create')
    expect(suggestCommand(['network', 'lisst'], IDS, TOPICS)).toBe('network list')
  })

  it('a mistyped topic, then a right verb', () => {
    expect(suggestCommand(['imag', 'list'], IDS, TOPICS)).toBe('image list')
    expect(suggestCommand(['appcontainer', 'imgae', 'list'], IDS, TOPICS)).toBe('appcontainer image list')
  })

  it('nothing close: no guess', () => {
    expect(suggestCommand(['frobnicate'], IDS, TOPICS)).toBeUndefined()
    expect(closest('zzzzzz', ['list', 'create'])).toBeUndefined()
  })

  it('the known part of what was typed (for the help hint)', () => {
    expect(knownPrefix(['image', 'craete', 'x'], [...IDS, ...TOPICS])).toEqual(['image'])
  })

  it('a mistyped option: the option meant, from the command’s flags', () => {
    const flags = {...NetworkList.baseFlags, ...NetworkList.flags}
    expect(suggestFlag('--nmae', flags)).toBe('--name')
    expect(suggestFlag('--os-regin-name', flags)).toBe('--os-region-name')
    expect(suggestFlag('--zzzzzzzz', flags)).toBeUndefined()
  })

  it('oclif’s parse messages lose "See more help" and the wrong note that flags must come after arguments', () => {
    const missing = {
      message:
        'Missing 1 required arg:\ncontainer  ID or name of the container to show.\n\nNote: --column allows multiple values. Because of this you need to provide all arguments before providing that flag.\nAlternatively, you can use "--" to signify the end of the flags and the beginning of arguments.\nSee more help with --help',
    }
    expect(usageMessage(missing, {})).toEqual({message: 'Missing 1 required arg:\ncontainer  ID or name of the container to show.', actions: []})
    const unknown = {message: 'Nonexistent flag: --nmae\nSee more help with --help', flags: ['--nmae']}
    expect(usageMessage(unknown, {name: {}, long: {}})).toEqual({message: 'Nonexistent flag: --nmae', actions: ['Did you mean "--name"?']})
  })
})
