import type {Command} from '@oclif/core'
import type {CliShape, CommandShape, FlagShape} from '../../../src/cli/argv.js'

import {describe, expect, it} from 'vitest'

import AppcontainerExec from '../../../commands/appcontainer/exec.js'
import AppcontainerList from '../../../commands/appcontainer/list.js'
import AppcontainerRun from '../../../commands/appcontainer/run.js'
import ImageCreate from '../../../commands/image/create.js'
import ImageList from '../../../commands/image/list.js'
import NetworkDelete from '../../../commands/network/delete.js'
import NetworkList from '../../../commands/network/list.js'
import ProfileList from '../../../commands/profile/list.js'
import {cliShape, normalizeArgv} from '../../../src/cli/argv.js'

// The shape is built from the real command classes, as oclif's manifest carries them: the global
// options are found from their flag definitions (help group), not from a list in the test.
const JSON_FLAG: FlagShape = {type: 'boolean', helpGroup: 'GLOBAL', allowNo: false}
function shapeOf(C: typeof Command & {remainderAfter?: number}): CommandShape & {id: string} {
  return {id: '', flags: {...C.baseFlags, ...C.flags, json: JSON_FLAG} as Record<string, FlagShape>, remainderAfter: C.remainderAfter}
}
const commands: Array<[string, typeof Command]> = [
  ['network:list', NetworkList],
  ['network:delete', NetworkDelete],
  ['image:list', ImageList],
  ['image:create', ImageCreate],
  ['appcontainer:list', AppcontainerList],
  ['appcontainer:run', AppcontainerRun],
  ['appcontainer:exec', AppcontainerExec],
  ['profile:list', ProfileList],
]
const cli: CliShape = cliShape({
  commands: commands.map(([id, C]) => ({...shapeOf(C), id})),
  topics: [{name: 'network'}, {name: 'image'}, {name: 'appcontainer'}, {name: 'appcontainer:image'}, {name: 'profile'}],
})
const norm = (line: string) => normalizeArgv(line.split(' ').filter(Boolean), cli)

describe('normalizeArgv: openstack global options anywhere', () => {
  it('before the command (the guides’ form)', () => {
    expect(norm('--os-region-name RegionOne image list -f json')).toEqual(['image:list', '--os-region-name', 'RegionOne', '-f', 'json'])
    expect(norm('--json network list')).toEqual(['network:list', '--json'])
    expect(norm('--os-cloud=real-openstack --debug network list')).toEqual(['network:list', '--os-cloud=real-openstack', '--debug'])
  })

  it('between topic words: the command runs (not the topic help)', () => {
    expect(norm('appcontainer --os-region-name RegionOne list')).toEqual(['appcontainer:list', '--os-region-name', 'RegionOne'])
    expect(norm('appcontainer --os-container-api-version 1.12 list')).toEqual(['appcontainer:list', '--os-container-api-version', '1.12'])
  })

  it('after the command: left where oclif reads it', () => {
    expect(norm('network list --os-cloud c --insecure --http-timeout 5')).toEqual(['network:list', '--os-cloud', 'c', '--insecure', '--http-timeout', '5'])
  })

  it('a value-taking global option takes the next word, even one that looks like a command word', () => {
    expect(norm('--os-cloud network network list')).toEqual(['network:list', '--os-cloud', 'network'])
    expect(norm('--profile image --timeout 30 image create x')).toEqual(['image:create', '--profile', 'image', '--timeout', '30', 'x'])
  })

  it('a boolean global option does not take the next word', () => {
    expect(norm('--insecure network list')).toEqual(['network:list', '--insecure'])
  })

  it('arguments after the command ID stay arguments (no "command network:list:extra not found")', () => {
    expect(norm('network list extra')).toEqual(['network:list', 'extra'])
    expect(norm('--debug network delete a b c')).toEqual(['network:delete', '--debug', 'a', 'b', 'c'])
  })

  it('nothing after -- is moved or renamed', () => {
    expect(norm('--debug network delete -- -h --json')).toEqual(['network:delete', '--debug', '--', '-h', '--json'])
  })

  it('the container’s command words are never rewritten (run, exec); a -- before them keeps oclif’s help check off them', () => {
    expect(norm('--os-region-name R appcontainer exec c1 ls -h --debug --help')).toEqual([
      'appcontainer:exec', '--os-region-name', 'R', '--', 'c1', 'ls', '-h', '--debug', '--help',
    ])
    expect(norm('appcontainer --os-region-name R run --name a -h cirros df -h')).toEqual([
      'appcontainer:run', '--os-region-name', 'R', '--name', 'a', '--help', '--', 'cirros', 'df', '-h',
    ])
    expect(norm('appcontainer exec --interactive c1 -- sh')).toEqual(['appcontainer:exec', '--interactive', '--', 'c1', '--', 'sh'])
    expect(norm('appcontainer exec -h')).toEqual(['appcontainer:exec', '--help'])
  })

  it('-h is --help before the command, between its words and among its options', () => {
    expect(norm('-h network list')).toEqual(['network:list', '--help'])
    expect(norm('network -h list')).toEqual(['network:list', '--help'])
    expect(norm('network list -f json -h')).toEqual(['network:list', '-f', 'json', '--help'])
    expect(norm('image -h')).toEqual(['image', '--help'])
  })

  it('a topic alone or an unknown command is left for oclif (topic help, the not-found hook)', () => {
    expect(norm('--os-region-name R appcontainer')).toEqual(['appcontainer', '--os-region-name', 'R'])
    expect(norm('image craete x --json')).toEqual(['image', 'craete', 'x', '--json'])
  })

  it('an option that is not global, before the command, is handed to the command (which accepts or refuses it), with its value', () => {
    expect(norm('--long network list')).toEqual(['network:list', '--long'])
    expect(norm('--region RegionOne network list')).toEqual(['network:list', '--region', 'RegionOne'])
    expect(norm('--no-such-option network list')).toEqual(['network:list', '--no-such-option'])
  })
})
