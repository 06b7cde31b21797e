import type {ServiceTokenSource} from './common/auth.js'
import type {SimPlan} from './plan.js'

import {KeystoneTokenValidator} from './common/auth.js'

export interface RunningSim {
  endpoints: Array<{service: string; region: string; url: string}>
  close(): Promise<void>
}

/**
 * Starts the planned emulators. If one cannot listen (a busy port), the ones already started
 * are closed again and the error, naming host:port, is thrown.
 */
export async function startSim(plan: SimPlan, deps: {authUrl: string; tokenSource: ServiceTokenSource}): Promise<RunningSim> {
  const auth = new KeystoneTokenValidator({authUrl: deps.authUrl, tokenSource: deps.tokenSource})
  const started: Array<{service: string; region: string; url: string; close(): Promise<void>}> = []
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
        const s = await startZunServer({
          auth,
          region: l.region,
          neutron: new HttpNeutronBackend(plan.neutron.endpoint, deps.tokenSource),
          glance: new HttpGlanceBackend(plan.glance[l.region], deps.tokenSource),
          host: l.host,
          port: l.port,
        })
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
    close: async () => {
      await Promise.allSettled(started.map((s) => s.close()))
    },
  }
}
