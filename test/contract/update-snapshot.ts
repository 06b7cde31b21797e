/**
 * `npm run snapshot:update`: rewrites test/contract/command-snapshot.json from the build. Run it
 * when a command or flag change is meant, and commit the diff with the change.
 */
import {writeFileSync} from 'node:fs'
import {resolve} from 'node:path'

import {commandSnapshot, SNAPSHOT_FILE, snapshotText} from './snapshot.js'

const snapshot = await commandSnapshot(resolve(import.meta.dirname, '../..'))
writeFileSync(SNAPSHOT_FILE, snapshotText(snapshot))
console.log(`${snapshot.commands.length} commands written to ${SNAPSHOT_FILE}`)
