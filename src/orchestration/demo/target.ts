import type {Session} from '../../auth/session.js'
import type {Topology} from '../topology/load.js'

import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {MrctlError} from '../../http/errors.js'
import {DEMO_FILES} from './run.js'
import {sessionForClouds} from './session.js'

/**
 * Where the demo runs: a simulated cloud started in this process (gone when the demo ends), a
 * detached one (`--keep`: it stays, `mrctl sim down` stops it), or the user's own cloud.
 */

export interface DemoTarget {
  session: Session
  /** `a simulated cloud in this process (CentralRegion, RegionOne, RegionTwo)` */
  label: string
  sim: 'in-process' | 'detached' | undefined
  /** Loads the two example topologies for this target. */
  topologies(examplesDir: string): Promise<Topology[]>
  /** Stops an in-process sim and removes the demo's scratch files (a detached sim stays). */
  close(): Promise<void>
}

export interface SimTargetOptions {
  time: 'immediate' | 'realistic'
  speed?: number
  /** Run the sim detached (it outlives the demo), via this `bin/run.js`. */
  detachWith?: string
  version: string
  onSecret?: (value: string) => void
}

/** What the Zun emulator is given as the docker image: it runs no Docker, so any bytes do. */
const PLACEHOLDER_IMAGE = 'mrctl demo: a stand-in for `docker save cirros` (the simulated Zun runs no Docker)\n'

export async function simTarget(o: SimTargetOptions): Promise<DemoTarget> {
  const scratch = await mkdtemp(join(tmpdir(), 'mrctl-demo-'))
  const topologies = async (examplesDir: string) => {
    const {loadTopology} = await import('../topology/load.js')
    await writeFile(join(scratch, 'container_cirros'), PLACEHOLDER_IMAGE)
    const out: Topology[] = []
    for (const f of DEMO_FILES) {
      const text = await readFile(join(examplesDir, f), 'utf8').catch((error: Error) => {
        throw new MrctlError(`the demo's topology ${join(examplesDir, f)} cannot be read: ${error.message}`)
      })
      await writeFile(join(scratch, f), text)
      out.push(await loadTopology(join(scratch, f)))
    }
    return out
  }
  try {
    if (o.detachWith) {
      const [{detach}, {loadCloudsYaml}] = await Promise.all([import('../../sim/daemon.js'), import('../../profiles/clouds-yaml.js')])
      const argv = [o.detachWith, 'sim', 'up', '--time', o.time, ...(o.speed ? ['--speed', String(o.speed)] : [])]
      const record = await detach(argv, 60_000)
      const clouds = await loadCloudsYaml({file: record.clouds_file})
      const session = await sessionForClouds(clouds?.clouds ?? {}, record.cloud ?? 'sim', o)
      return {
        session,
        label: `a simulated cloud in the background, pid ${record.pid} (${(record.regions ?? []).join(', ')})`,
        sim: 'detached',
        topologies,
        close: async () => {},
      }
    }
    const {startCloud} = await import('../../sim/cloud/cloud.js')
    const cloud = await startCloud({time: o.time, speed: o.speed})
    const session = await sessionForClouds(cloud.cloudsDocument('sim').clouds, 'sim', o)
    return {
      session,
      label: `a simulated cloud in this process (${cloud.regions.join(', ')})`,
      sim: 'in-process',
      topologies,
      close: async () => {
        await cloud.close({persist: false})
        await rm(scratch, {recursive: true, force: true})
      },
    }
  } catch (error) {
    await rm(scratch, {recursive: true, force: true})
    throw error
  }
}

/** The user's own cloud: the example files as they are (the image file must be there). */
export function cloudTarget(session: Session): DemoTarget {
  return {
    session,
    label: `cloud ${session.config.name}`,
    sim: undefined,
    topologies: async (examplesDir) => {
      const {loadForSession} = await import('../topology/session.js')
      const out: Topology[] = []
      for (const f of DEMO_FILES) {
        try {
          out.push(await loadForSession(session, join(examplesDir, f)))
        } catch (error) {
          if (error instanceof MrctlError) error.actions.push(`the image file is the guide's: docker pull cirros && docker save cirros -o ${join(examplesDir, 'container_cirros')}`)
          throw error
        }
      }
      return out
    },
    close: async () => {},
  }
}
