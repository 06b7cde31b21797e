import type {Session} from '../auth/session.js'
import type {CheckResult, DoctorOptions} from '../orchestration/doctor.js'

import {readFile} from 'node:fs/promises'

import {allRegions, regionsWith} from '../auth/catalog.js'
import {listPods} from '../clients/tricircle/pods.js'
import {doctorScope, runDoctor} from '../orchestration/doctor.js'
import {TRICIRCLE_SERVICE_TYPE} from '../orchestration/pod-bootstrap.js'
import {type ConfTarget, KURYR_CONF, ZUN_CONF} from './configure.js'
import {IniSyntaxError, readOption} from './oslo-ini.js'

/**
 * `mrctl devstack verify`: doctor, plus what the container guide sets up by hand: each pod with
 * its availability zone, and (where this machine can read them) the Neutron region name that
 * zun.conf and kuryr.conf give. The docker-format image per region is one of doctor's checks.
 */

export interface VerifyOptions extends DoctorOptions {
  /** `--pod REGION=AZ`: the AZ each pod must have. */
  pods?: Array<{region: string; az: string}>
  /** The region the files must name (this node's); any catalog region when left out. */
  regionName?: string
  zunConf: string
  kuryrConf: string
}

function result(check: string, region: string, status: CheckResult['status'], detail: string, hint = '', ms = 0): CheckResult {
  return {check, region, status, ms, detail, hint}
}

async function podAzChecks(session: Session, central: string, wanted: Array<{region: string; az?: string}>): Promise<CheckResult[]> {
  const started = performance.now()
  try {
    const pods = await listPods(await session.client(TRICIRCLE_SERVICE_TYPE, central))
    const ms = Math.round(performance.now() - started)
    return wanted.map(({region, az}) => {
      const pod = pods.find((p) => p.region_name === region)
      if (!pod) return result('pod AZ', region, 'fail', `no pod for ${region}`, `mrctl devstack pods --pod ${region}=${az ?? 'AZ'}`, ms)
      if (pod.az_name === '') return result('pod AZ', region, 'fail', `${region} is the central pod, with no availability zone`, 'a region pod needs an availability zone', ms)
      if (az !== undefined && pod.az_name !== az) {
        return result('pod AZ', region, 'fail', `availability zone ${pod.az_name}, not ${az}`, `Tricircle cannot change a pod: mrctl multiregion networking pod delete ${pod.pod_id}, then mrctl devstack pods`, ms)
      }
      return result('pod AZ', region, 'pass', `availability zone ${pod.az_name} (pod ${pod.pod_id})`, '', ms)
    })
  } catch (error) {
    const ms = Math.round(performance.now() - started)
    return wanted.map(({region}) => result('pod AZ', region, 'fail', (error as Error).message, '', ms))
  }
}

async function confCheck(t: ConfTarget, catalogRegions: string[], wanted?: string): Promise<CheckResult> {
  const check = `${t.name}.conf region_name`
  let text: string
  try {
    text = await readFile(t.path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'not found' : code === 'EACCES' ? 'not readable by this user' : (error as Error).message
    return result(check, '', 'skip', `${t.path}: ${why}`, `run this on the node that has it (or with sudo), or give ${t.flag} PATH`)
  }
  let value: string | undefined
  try {
    value = readOption(text, t.section, t.key)
  } catch (error) {
    if (!(error instanceof IniSyntaxError)) throw error
    return result(check, '', 'fail', `${t.path} is not a valid oslo.config file: ${error.message}`, 'fix that line; the service would not start with it')
  }
  const fix = `mrctl devstack configure --region-name ${wanted ?? 'REGION'}`
  if (value === undefined) return result(check, '', 'fail', `${t.path} sets no [${t.section}] ${t.key}`, fix)
  if (wanted !== undefined && value !== wanted) return result(check, value, 'fail', `[${t.section}] ${t.key} = ${value}, not ${wanted}`, fix)
  if (!catalogRegions.includes(value)) return result(check, value, 'fail', `[${t.section}] ${t.key} = ${value}, which is not a region of the catalog`, fix)
  return result(check, value, 'pass', `${t.path}: [${t.section}] ${t.key} = ${value}`)
}

export async function runVerify(session: Session, opts: VerifyOptions): Promise<CheckResult[]> {
  const doctor = await runDoctor(session, opts)
  const auth = doctor[0]
  if (auth.status !== 'pass') return doctor
  const {catalog} = await session.tokenData()
  const iface = session.config.interface
  const {regions, central} = doctorScope(catalog, session.config.regions, iface, opts)
  const extra: Array<Promise<CheckResult[]>> = []
  if (central && regionsWith(catalog, TRICIRCLE_SERVICE_TYPE, iface).includes(central)) {
    const wanted = opts.pods?.length ? opts.pods : regions.filter((r) => r !== central).map((region) => ({region}))
    extra.push(podAzChecks(session, central, wanted))
  }
  const known = allRegions(catalog)
  extra.push(Promise.all([confCheck({...ZUN_CONF, path: opts.zunConf}, known, opts.regionName), confCheck({...KURYR_CONF, path: opts.kuryrConf}, known, opts.regionName)]))
  return [...doctor, ...(await Promise.all(extra)).flat()]
}
