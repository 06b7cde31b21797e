import type {Session} from '../../auth/session.js'
import type {Topology} from '../topology/load.js'

import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {MrctlError} from '../../core/errors.js'
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
  /** Stops an in-process sim and removes the demo's scratch files (a detached sim stays; `keepFiles`: the topology copies stay, for a `topology destroy -f`). */
  close(o?: {keepFiles?: boolean}): Promise<void>
}

export interface SimTargetOptions {
  time: 'immediate' | 'realistic'
  speed?: number
  /** Run the sim detached (it outlives the demo), via this `bin/run.js`. */
  detachWith?: string
  version: string
  onSecret?: (value: string) => void
  /** --debug: one redacted line per request. */
  debug?: (line: string) => void
}

/** What the Zun emulator is given as the docker image: it runs no Docker, so any bytes do. */
const PLACEHOLDER_IMAGE = 'mrctl demo: a stand-in for `docker save cirros` (the simulated Zun runs no Docker)\n'

/**
 * The two example topologies, copied into a scratch folder next to the image file they name
 * (`container_cirros`): on the sim a placeholder, on a cloud the file given (a link to it).
 */
async function scratchTopologies(scratch: string, examplesDir: string, image: {placeholder: true} | {file: string}, regions?: string[]): Promise<Topology[]> {
  const [{loadTopology}, {stat, symlink}, {resolve}] = await Promise.all([import('../topology/load.js'), import('node:fs/promises'), import('node:path')])
  const imageFile = join(scratch, 'container_cirros')
  await rm(imageFile, {force: true})
  if ('placeholder' in image) await writeFile(imageFile, PLACEHOLDER_IMAGE)
  else {
    const st = await stat(image.file).catch(() => undefined)
    if (!st?.isFile()) {
      throw new MrctlError(`${image.file}: no such file (the docker image the demo's containers run)`, {
        exitCode: 2,
        actions: [`make it as the guide does: docker pull cirros && docker save cirros -o ${image.file}`, 'or give another with --image FILE'],
      })
    }
    await symlink(resolve(image.file), imageFile)
  }
  const out: Topology[] = []
  for (const f of DEMO_FILES) {
    let text = await readFile(join(examplesDir, f), 'utf8').catch((error: Error) => {
      throw new MrctlError(`the demo's topology ${join(examplesDir, f)} cannot be read: ${error.message}`)
    })
    // The later files are the same deployment as the first (they repeat its resources): its name,
    // so that `topology destroy -f` this copy removes everything the demo made.
    if (out.length) text = text.replace(/^name: .*$/m, `name: ${out[0].name}    # mrctl demo: the same deployment as ${DEMO_FILES[0]}`)
    await writeFile(join(scratch, f), text)
    out.push(await loadTopology(join(scratch, f), {regions}))
  }
  return out
}

export async function simTarget(o: SimTargetOptions): Promise<DemoTarget> {
  const scratch = await mkdtemp(join(tmpdir(), 'mrctl-demo-'))
  const topologies = (examplesDir: string) => scratchTopologies(scratch, examplesDir, {placeholder: true})
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

/** The user's own cloud (or a sim named by --os-cloud/--profile); the image file must exist. Its scratch folder stays with --keep (destroy needs the files). */
export async function cloudTarget(session: Session, o: {imageFile: string; keep: boolean}): Promise<DemoTarget> {
  const scratch = await mkdtemp(join(tmpdir(), 'mrctl-demo-'))
  return {
    session,
    label: `cloud ${session.config.name}`,
    sim: undefined,
    topologies: (examplesDir) => scratchTopologies(scratch, examplesDir, {file: o.imageFile}, session.config.regions),
    close: async (c) => {
      if (!o.keep && !c?.keepFiles) await rm(scratch, {recursive: true, force: true})
    },
  }
}
