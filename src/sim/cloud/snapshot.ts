import type {TricircleSnapshot} from '../tricircle/index.js'
import type {ZunSnapshot} from '../zun/backend/persist.js'
import type {ClockState} from './clock.js'
import type {GlanceData} from '../glance/store.js'
import type {KeystoneData} from '../keystone/store.js'
import type {NeutronData} from '../neutron/store.js'
import type {OctaviaData} from '../octavia/store.js'

import {readFile} from 'node:fs/promises'

import {writePrivateFile} from '../../profiles/files.js'

/**
 * The whole simulated cloud as one JSON document: `mrctl sim snapshot save|load` files and the
 * `--state DIR` file. Image bytes (and files put into containers) travel base64-encoded. The state file also keeps the seeded
 * users' passwords (it is 0600, like clouds.yaml) so a restarted sim writes the same clouds.yaml;
 * a snapshot file leaves them out.
 */

export const SNAPSHOT_FORMAT = 'mrctl-sim/1'

export interface SeededCredentials {
  admin: string
  demo: string
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT
  saved_at: string
  regions: string[]
  clock: ClockState
  keystone: KeystoneData
  neutron: Record<string, NeutronData>
  glance: Record<string, {data: GlanceData; blobs: Record<string, string>}>
  octavia: Record<string, OctaviaData>
  tricircle?: TricircleSnapshot
  /** Per region, Zun's containers, capsules and the rest of its records (absent in older files). */
  zun?: Record<string, ZunSnapshot>
  /** Only in the --state file. */
  passwords?: SeededCredentials
}

export function stateFile(dir: string): string {
  return `${dir.replace(/\/+$/, '')}/state.json`
}

export async function readSnapshot(path: string): Promise<Snapshot> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new Error(code === 'ENOENT' ? `${path}: no such file` : `${path}: ${(error as Error).message}`)
  }
  let doc: Snapshot
  try {
    doc = JSON.parse(text) as Snapshot
  } catch {
    throw new Error(`${path} is not a simulator snapshot (not JSON)`)
  }
  if (doc?.format !== SNAPSHOT_FORMAT) throw new Error(`${path} is not a simulator snapshot (format ${JSON.stringify(doc?.format)}, expected ${SNAPSHOT_FORMAT})`)
  return doc
}

export async function writeSnapshot(path: string, snap: Snapshot): Promise<void> {
  await writePrivateFile(path, JSON.stringify(snap))
}

/** Reads the --state file when there is one. */
export async function readStateIfAny(dir: string): Promise<Snapshot | undefined> {
  try {
    await readFile(stateFile(dir))
  } catch {
    return undefined
  }
  return readSnapshot(stateFile(dir))
}
