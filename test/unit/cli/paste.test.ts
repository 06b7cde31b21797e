import type {PasteContext} from '../../../src/cli/paste.js'

import {describe, expect, it} from 'vitest'

import {pasteCommand, shellQuote, withUserOptions} from '../../../src/cli/paste.js'

const CLOUD_FLAGS = {'os-cloud': {}, 'os-region-name': {}, 'os-cacert': {}, insecure: {}}
const FLAGS: Record<string, Record<string, unknown>> = {
  'appcontainer:delete': {...CLOUD_FLAGS, force: {}, stop: {}, 'os-container-api-version': {}},
  'appcontainer:show': {...CLOUD_FLAGS},
  'loadbalancer:show': {...CLOUD_FLAGS},
  'profile:add': {'os-auth-url': {}, region: {}},
}
const ctx = (options: PasteContext['options']): PasteContext => ({bin: 'mrctl', options, flagsOf: (id) => FLAGS[id]})

describe('paste-able commands carry the user’s cloud and region options', () => {
  it('the options the user gave, before the command', () => {
    const c = ctx([['os-cloud', 'prod'], ['os-region-name', 'RegionOne'], ['insecure', true]])
    expect(pasteCommand(c, 'appcontainer delete --force c1')).toBe('mrctl --os-cloud prod --os-region-name RegionOne --insecure appcontainer delete --force c1')
  })

  it('the region where the resource is replaces the user’s', () => {
    const c = ctx([['os-cloud', 'prod'], ['os-region-name', 'RegionOne']])
    expect(pasteCommand(c, 'appcontainer delete c1', 'RegionTwo')).toBe('mrctl --os-cloud prod --os-region-name RegionTwo appcontainer delete c1')
  })

  it('an option the pasted command does not take is left out (profile commands take no --os-cloud)', () => {
    const c = ctx([['os-cloud', 'prod'], ['os-region-name', 'RegionOne']])
    expect(pasteCommand(c, 'profile add NAME')).toBe('mrctl profile add NAME')
  })

  it('values are shell-quoted where needed', () => {
    expect(shellQuote('RegionOne')).toBe('RegionOne')
    expect(shellQuote('/tmp/my ca.pem')).toBe("'/tmp/my ca.pem'")
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
    expect(pasteCommand(ctx([['os-cacert', '/tmp/my ca.pem']]), 'loadbalancer show lb1')).toBe("mrctl --os-cacert '/tmp/my ca.pem' loadbalancer show lb1")
  })

  it('every command in a hint gets them; a hint naming its region keeps it', () => {
    const c = ctx([['os-cloud', 'prod'], ['os-region-name', 'RegionOne']])
    expect(withUserOptions(c, 'see: mrctl appcontainer show 3f1c; remove it with: mrctl appcontainer delete 3f1c')).toBe(
      'see: mrctl --os-cloud prod --os-region-name RegionOne appcontainer show 3f1c; remove it with: mrctl --os-cloud prod --os-region-name RegionOne appcontainer delete 3f1c',
    )
    expect(withUserOptions(c, 'check it with: mrctl loadbalancer show lb1 --os-region-name RegionTwo')).toBe(
      'check it with: mrctl --os-cloud prod loadbalancer show lb1 --os-region-name RegionTwo',
    )
    expect(withUserOptions(c, 'there are no profiles yet: mrctl profile add NAME (or mrctl profile import)')).toBe(
      'there are no profiles yet: mrctl profile add NAME (or mrctl profile import)',
    )
    expect(withUserOptions(c, 'wait longer with --timeout SECONDS')).toBe('wait longer with --timeout SECONDS')
  })
})
