import type {NeutronBackend} from './backends/neutron.js'
import type {ServiceTokenSource} from './common/auth.js'
import type {SimPlan} from './plan.js'
import type {ZunState} from './zun/index.js'

import {KeystoneTokenValidator} from './common/auth.js'

export interface RunningSim {
  endpoints: Array<{service: string; region: string; url: string}>
  /** Containers the Zun emulators hold now. */
  containerCount(): number
  /** Stops every emulator; `cleanPorts` first deletes the Kuryr ports their containers hold in the real Neutron. */
  close(opts?: {cleanPorts?: boolean}): Promise<{portsDeleted: number}>
}

/** Deletes the Neutron ports of every container and capsule a Zun emulator holds (device_id = its uuid). */
export async function deleteZunPorts(state: ZunState, neutron: NeutronBackend): Promise<number> {
  const devices = [...state.containers.keys(), ...state.capsules.keys()]
  let deleted = 0
  for (const deviceId of devices) {
    for (const port of await neutron.listPorts({device_id: deviceId})) {
      await neutron.deletePort(port.id)
      deleted++
    }
  }
  return deleted
}

/**
 * Starts the planned emulators over a real cloud. If one cannot listen (a busy port), the ones
 * already started are closed again and the error, naming host:port, is thrown.
 */
export async function startSim(plan: SimPlan, deps: {authUrl: string; tokenSource: ServiceTokenSource}): Promise<RunningSim> {
  const auth = new KeystoneTokenValidator({authUrl: deps.authUrl, tokenSource: deps.tokenSource})
  const started: Array<{service: string; region: string; url: string; close(): Promise<void>}> = []
  const zuns: Array<{state: ZunState; neutron: NeutronBackend}> = []
  try {
    for (const l of plan.listeners) {
      if (l.service === 'tricircle') {
        const {startTricircleServer} = await import('./tricircle/index.js')
        const s = await startTricircleServer({auth, host: l.host, port: l.port})
        started.push({service: 'tricircle', region: l.region, url: l.endpoint, close: () => s.close()})
      } else {
        const [{startZunServer}, {HttpNeutronBackend, HttpGlanceBackend}] = await Promise.all([
          import('./zun/index.js'),
          import('./backends/index.js'),
        ])
        const neutron = new HttpNeutronBackend(plan.neutron.endpoint, deps.tokenSource)
        const s = await startZunServer({
          auth,
          region: l.region,
          neutron,
          glance: new HttpGlanceBackend(plan.glance[l.region], deps.tokenSource),
          host: l.host,
          port: l.port,
        })
        zuns.push({state: s.state, neutron})
        started.push({service: 'zun', region: l.region, url: l.endpoint, close: () => s.close()})
        // Its websocket proxy (attach, exec --interactive) listens on a free port of the same host.
        started.push({service: 'zun-ws', region: l.region, url: s.wsUrl, close: async () => {}})
      }
    }
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.close()))
    throw error
  }
  return {
    endpoints: started.map(({service, region, url}) => ({service, region, url})),
    containerCount: () => zuns.reduce((n, z) => n + z.state.containers.size + z.state.capsules.size, 0),
    close: async (opts = {}) => {
      let portsDeleted = 0
      if (opts.cleanPorts) {
        for (const z of zuns) {
          try {
            portsDeleted += await deleteZunPorts(z.state, z.neutron)
          } catch (error) {
            console.error(`could not delete every Zun port: ${(error as Error).message}`)
          }
        }
      }
      await Promise.allSettled(started.map((s) => s.close()))
      return {portsDeleted}
    },
  }
}
