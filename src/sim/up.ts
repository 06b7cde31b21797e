import {randomBytes} from 'node:crypto'

import type {CloudOptions, SimCloud} from './cloud/cloud.js'
import type {ControlTarget, RunningControl} from './cloud/control.js'
import type {RunningSim} from './run.js'

import {MrctlError} from '../core/errors.js'
import {toYaml, writePrivateFile} from '../profiles/files.js'
import {type RunRecord, removeRunRecord, runningSim, simCloudsFile, writeRunRecord} from './daemon.js'

/**
 * `mrctl sim up` behind the command: starts the simulated cloud (or the emulators over a real
 * cloud), writes its clouds.yaml and the `sim` profile, serves the control API, and records
 * itself in the run file. `wait()` resolves when a signal or `mrctl sim down` stops it.
 */

export const SIM_CLOUD_NAME = 'sim'

export interface UpHandle {
  record: RunRecord
  cloud?: SimCloud
  /** Resolves once the simulator was asked to stop (SIGINT, SIGTERM, `sim down`) and has stopped. */
  wait(): Promise<void>
  stop(): Promise<void>
}

async function writeProfile(cloud: SimCloud): Promise<void> {
  const [{ProfileStore}, {FileSecretStore}, {saveProfile}] = await Promise.all([
    import('../profiles/store.js'),
    import('../profiles/secrets.js'),
    import('../profiles/manage.js'),
  ])
  const doc = cloud.cloudsDocument(SIM_CLOUD_NAME).clouds[SIM_CLOUD_NAME] as {auth: Record<string, string>; region_name: string; regions: string[]; interface: string}
  const {password, ...auth} = doc.auth
  await saveProfile(
    new ProfileStore(),
    new FileSecretStore(),
    SIM_CLOUD_NAME,
    {auth, region_name: doc.region_name, regions: doc.regions, interface: doc.interface, identity_api_version: 3},
    {field: 'password', value: password},
    {overwrite: true, secretStore: 'file'},
  )
}

function lifecycle(stopFn: () => Promise<void>): {wait: () => Promise<void>; stop: () => Promise<void>; trigger: () => void} {
  let stopping: Promise<void> | undefined
  let resolveWait!: () => void
  const waited = new Promise<void>((r) => (resolveWait = r))
  const stop = () => {
    stopping ??= stopFn().finally(resolveWait)
    return stopping
  }
  const onSignal = () => void stop()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return {
    wait: () => waited,
    stop,
    trigger: () => void stop(),
  }
}

async function refuseSecond(): Promise<void> {
  const other = await runningSim()
  if (other && other.pid !== process.pid) {
    throw new MrctlError(`a simulator is already running (pid ${other.pid})`, {actions: ['stop it first: mrctl sim down', 'or use another config folder (MRCTL_CONFIG_DIR)']})
  }
}

/** The simulated cloud, with its clouds.yaml, profile, control API and run record. */
export async function upSimulatedCloud(opts: CloudOptions & {profile?: boolean}): Promise<UpHandle> {
  await refuseSecond()
  const {startCloud} = await import('./cloud/cloud.js')
  const cloud = await startCloud({...opts, lazyEmulators: true})
  let control: RunningControl | undefined
  try {
    const cloudsFile = simCloudsFile()
    // The clouds.yaml and the profile are written while the control API comes up.
    const files = Promise.all([
      toYaml(cloud.cloudsDocument(SIM_CLOUD_NAME)).then((text) => writePrivateFile(cloudsFile, text)),
      opts.profile === false ? undefined : writeProfile(cloud),
    ])
    const secret = randomBytes(24).toString('base64url')
    const life = lifecycle(async () => {
      await cloud.close()
      await control?.close()
      await removeRunRecord()
    })
    const target: ControlTarget = {
      cloud,
      shutdown: life.trigger,
      status: () => ({
        kind: 'sim',
        pid: process.pid,
        started_at: new Date(cloud.startedAt).toISOString(),
        auth_url: cloud.authUrl,
        regions: cloud.regions,
        time: {mode: cloud.clock.mode, speed: cloud.clock.speed, now: cloud.clock.now().toISOString()},
        faults: cloud.faults.list(),
        down: cloud.downRegions(),
        down_services: cloud.downServices(),
        state_dir: opts.stateDir ?? null,
        endpoints: cloud.endpoints(),
      }),
    }
    const {startControl} = await import('./cloud/control.js')
    control = await startControl(target, {host: cloud.host, secret})
    await files
    const record: RunRecord = {
      pid: process.pid,
      kind: 'sim',
      started_at: new Date(cloud.startedAt).toISOString(),
      endpoints: cloud.endpoints(),
      control_url: control.url,
      secret,
      auth_url: cloud.authUrl,
      regions: cloud.regions,
      clouds_file: cloudsFile,
      cloud: SIM_CLOUD_NAME,
      state_dir: opts.stateDir,
      time: {mode: cloud.clock.mode, speed: cloud.clock.speed},
    }
    await writeRunRecord(record)
    return {record, cloud, wait: life.wait, stop: life.stop}
  } catch (error) {
    await control?.close()
    await cloud.close({persist: false})
    throw error
  }
}

/**
 * The Zun and Tricircle emulators over a real cloud (`sim up --cloud NAME`). Stopping deletes the
 * Kuryr ports its Zun made in the real Neutron, so nothing leaks.
 */
export async function upOverRealCloud(start: () => Promise<RunningSim>, cloudName: string): Promise<UpHandle> {
  await refuseSecond()
  const running = await start()
  let control: RunningControl | undefined
  try {
    const secret = randomBytes(24).toString('base64url')
    const startedAt = new Date().toISOString()
    const life = lifecycle(async () => {
      await running.close({cleanPorts: true})
      await control?.close()
      await removeRunRecord()
    })
    const {startControl} = await import('./cloud/control.js')
    control = await startControl(
      {shutdown: life.trigger, status: () => ({kind: 'cloud', pid: process.pid, started_at: startedAt, cloud: cloudName, endpoints: running.endpoints, containers: running.containerCount()})},
      {host: '127.0.0.1', secret},
    )
    const record: RunRecord = {pid: process.pid, kind: 'cloud', started_at: startedAt, endpoints: running.endpoints, control_url: control.url, secret, cloud: cloudName}
    await writeRunRecord(record)
    return {record, wait: life.wait, stop: life.stop}
  } catch (error) {
    await control?.close()
    await running.close({cleanPorts: true})
    throw error
  }
}
