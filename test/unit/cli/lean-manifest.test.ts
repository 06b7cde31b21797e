import type {LeanManifest} from '../../../src/cli/lean-manifest.js'

import {describe, expect, it} from 'vitest'

import {cliShape, globalFlags, normalizeArgv} from '../../../src/cli/argv.js'
import {attachSharedFlags, leanManifest} from '../../../src/cli/lean-manifest.js'

// Flags as oclif's manifest writes them (cacheCommand), in the shapes mrctl's commands have.
const debug = {name: 'debug', type: 'boolean', allowNo: false, helpGroup: 'GLOBAL', description: 'Print each HTTP request'}
const osCloud = {name: 'os-cloud', type: 'option', multiple: false, helpGroup: 'OPENSTACK (flag > OS_*)', description: 'Cloud'}
const region = {name: 'os-region-name', type: 'option', multiple: false, helpGroup: 'OPENSTACK (flag > OS_*)', description: 'Region'}
const listFormat = {name: 'format', char: 'f', type: 'option', options: ['table', 'json', 'csv'], default: 'table', helpGroup: 'OUTPUT FORMATTERS'}
const showFormat = {name: 'format', char: 'f', type: 'option', options: ['table', 'json', 'shell'], default: 'table', helpGroup: 'OUTPUT FORMATTERS'}
const onlyHere = {name: 'external', type: 'boolean', allowNo: true, description: 'External networks only'}
// A global option that one command alone has: it is still known before the command.
const apiVersion = {name: 'os-container-api-version', type: 'option', helpGroup: 'OPENSTACK (flag > OS_*)', description: 'Zun microversion'}

function manifest(): LeanManifest {
  return {
    version: '0.1.0',
    commands: {
      'network:list': {flags: {debug, 'os-cloud': osCloud, 'os-region-name': region, external: onlyHere, format: listFormat}},
      'network:show': {flags: {debug, 'os-cloud': osCloud, 'os-region-name': region, format: showFormat}},
      'port:list': {flags: {debug, 'os-cloud': osCloud, 'os-region-name': region, format: listFormat}},
      'profile:list': {flags: {debug, format: listFormat}},
      'appcontainer:show': {flags: {debug, 'os-container-api-version': apiVersion, format: showFormat}},
    },
  }
}

const whole = (lean: LeanManifest) => {
  attachSharedFlags(Object.values(lean.commands), lean.sharedFlags)
  return lean.commands
}

describe('leanManifest', () => {
  it('keeps each definition shared by several commands once, and is made whole again as it was', () => {
    const lean = leanManifest(manifest())
    expect(Object.keys(lean.sharedFlags!).sort()).toEqual(['debug', 'format', 'format~2', 'os-cloud', 'os-region-name'])
    expect(lean.commands['network:list'].flags).toEqual({debug: 'debug', 'os-cloud': 'os-cloud', 'os-region-name': 'os-region-name', external: onlyHere, format: 'format'})
    expect(lean.commands['network:show'].flags!.format).toBe('format~2')
    expect(whole(JSON.parse(JSON.stringify(lean)))).toEqual(manifest().commands)
  })

  it('keeps the order of each command’s flags (the order of its help)', () => {
    const lean = JSON.parse(JSON.stringify(leanManifest(manifest()))) as LeanManifest
    expect(Object.keys(whole(lean)['network:list'].flags!)).toEqual(['debug', 'os-cloud', 'os-region-name', 'external', 'format'])
  })

  it('carries the global options of the whole CLI, as argv.ts would find them in every command', () => {
    const lean = leanManifest(manifest())
    const full = cliShape({commands: Object.entries(manifest().commands).map(([id, c]) => ({id, flags: c.flags})), topics: []})
    expect(Object.keys(lean.globalFlags!).sort()).toEqual(['debug', 'os-cloud', 'os-container-api-version', 'os-region-name'])
    expect(lean.globalFlags).toEqual(
      Object.fromEntries(Object.entries(globalFlags(full)).map(([k, {type, char, allowNo, helpGroup}]) => [k, {type, char, allowNo, helpGroup}])),
    )
  })

  it('leaves commands whose flags are whole (another plugin’s) as they are', () => {
    const other = {flags: {'nested-commands': {name: 'nested-commands', type: 'boolean', char: 'n'}}}
    attachSharedFlags([other], leanManifest(manifest()).sharedFlags)
    expect(other.flags['nested-commands']).toEqual({name: 'nested-commands', type: 'boolean', char: 'n'})
  })
})

describe('normalizeArgv with the global options from the manifest', () => {
  const lean = leanManifest(manifest())
  const commands = Object.entries(whole(leanManifest(manifest()))).map(([id, c]) => ({id, flags: c.flags}))
  const topics = [{name: 'network'}, {name: 'port'}, {name: 'profile'}, {name: 'appcontainer'}]
  const computed = cliShape({commands, topics})
  const given = cliShape({commands, topics}, lean.globalFlags)

  it.each([
    '--os-region-name RegionOne network list -f json',
    'network --os-cloud c1 --debug list --external',
    '--os-container-api-version 1.12 appcontainer show c1',
    '--external network list',
    '-h network list',
  ])('%s: the same line as when read from every command', (line) => {
    const argv = line.split(' ')
    expect(normalizeArgv(argv, given)).toEqual(normalizeArgv(argv, computed))
  })
})
