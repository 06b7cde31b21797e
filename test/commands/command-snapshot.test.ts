/**
 * The command snapshot: every command, its arguments and flags, as the build parses them, must
 * match test/contract/command-snapshot.json. A flag that disappears or changes fails here with the
 * diff; when the change is meant, `npm run snapshot:update` and commit the new snapshot with it.
 */
import {createTwoFilesPatch} from 'diff'
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {commandSnapshot, SNAPSHOT_FILE, snapshotText} from '../contract/snapshot.js'
import {ROOT} from './harness.js'

describe('command snapshot', () => {
  it('every command, its arguments and flags, as committed', async () => {
    const now = snapshotText(await commandSnapshot(ROOT))
    const committed = readFileSync(SNAPSHOT_FILE, 'utf8')
    const diff = now === committed ? '' : createTwoFilesPatch('committed', 'build', committed, now, '', '', {context: 2})
    expect(diff, `the commands changed; if that is meant, run \`npm run snapshot:update\` and commit:\n${diff}`).toBe('')
  })

  it('the snapshot sees a flag change (a removed --tag on network set)', async () => {
    const s = await commandSnapshot(ROOT)
    const entry = s.commands.find((c) => c.id === 'network set')!
    expect(entry.flags.tag).toEqual({type: 'option', multiple: 'one value each'})
    delete entry.flags.tag
    expect(snapshotText(s)).not.toBe(readFileSync(SNAPSHOT_FILE, 'utf8'))
  })
})
