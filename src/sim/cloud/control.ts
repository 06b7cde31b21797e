import {timingSafeEqual} from 'node:crypto'
import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import type {FaultSpec} from './faults.js'
import type {DumpFilter, SimCloud} from './cloud.js'
import type {ServiceType} from './topology.js'
import type {Snapshot} from './snapshot.js'

import {readBody} from './http.js'

/**
 * The control API of a running simulator, for `mrctl sim tick|fault|snapshot|reset|dump|status|down`
 * from another process: JSON over HTTP on its own loopback port, every call carrying the bearer
 * secret kept in the 0600 run record.
 */

export interface ControlTarget {
  status(): Record<string, unknown>
  cloud?: SimCloud
  shutdown(): void
}

export interface RunningControl {
  url: string
  close(): Promise<void>
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

function need(cloud: SimCloud | undefined, what: string): SimCloud {
  if (!cloud) throw new ControlError(409, `${what} is only available for a simulated cloud, not for emulators over a real cloud`)
  return cloud
}

async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req, 1024 * 1024 * 1024)).toString('utf8')
  if (!text) return {}
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new ControlError(400, 'the body is not JSON')
  }
}

export async function startControl(target: ControlTarget, opts: {host: string; secret: string}): Promise<RunningControl> {
  const expected = Buffer.from(`Bearer ${opts.secret}`)
  const server = http.createServer((req, res) => void handle(req, res))

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body ?? {})
      res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text))})
      res.end(text)
    }
    try {
      const given = Buffer.from(String(req.headers.authorization ?? ''))
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ControlError(401, 'wrong or missing control secret')
      const url = new URL(req.url ?? '/', 'http://control.invalid')
      const route = `${req.method} ${url.pathname}`
      const cloud = target.cloud
      // The emulators may still be loading (lazyEmulators): the state calls need them.
      if (cloud && route !== 'GET /status' && route !== 'POST /shutdown') await cloud.ready
      switch (route) {
        case 'GET /status':
          return send(200, target.status())
        case 'POST /shutdown':
          send(202, {stopping: true})
          setImmediate(() => target.shutdown())
          return
        case 'POST /tick': {
          const c = need(cloud, 'tick')
          const seconds = Number((await json(req)).seconds ?? 1)
          try {
            return send(200, {now: c.tick(seconds).toISOString()})
          } catch (error) {
            throw new ControlError(409, (error as Error).message)
          }
        }
        case 'GET /faults':
          return send(200, {faults: need(cloud, 'faults').faults.list(), down: cloud!.downRegions(), down_services: cloud!.downServices()})
        case 'POST /faults': {
          const c = need(cloud, 'faults')
          const b = await json(req)
          if (b.down) {
            try {
              await c.setDown(String(b.region), true, b.service === undefined ? undefined : (String(b.service) as ServiceType))
            } catch (error) {
              throw new ControlError(400, (error as Error).message)
            }
            return send(201, {down: c.downRegions(), down_services: c.downServices()})
          }
          if (b.region && !c.regions.includes(String(b.region))) throw new ControlError(400, `unknown region ${b.region} (regions: ${c.regions.join(', ')})`)
          try {
            return send(201, {fault: c.faults.add(b as FaultSpec)})
          } catch (error) {
            throw new ControlError(400, (error as Error).message)
          }
        }
        case 'DELETE /faults': {
          const c = need(cloud, 'faults')
          const region = url.searchParams.get('region') ?? undefined
          if (region && !c.regions.includes(region)) throw new ControlError(400, `unknown region ${region} (regions: ${c.regions.join(', ')})`)
          const cleared = c.faults.clear(region)
          const back = region ? (c.isDown(region) ? [region] : []) : c.downRegions()
          const services = c.downServices().filter((d) => !region || d.region === region)
          for (const r of back) await c.setDown(r, false)
          for (const d of services) await c.setDown(d.region, false, d.service)
          return send(200, {cleared, up: [...back, ...services.map((d) => `${d.region} ${d.service}`)]})
        }
        case 'GET /snapshot':
          return send(200, need(cloud, 'snapshot').snapshot())
        case 'PUT /snapshot': {
          const c = need(cloud, 'snapshot load')
          const snap = (await json(req)) as unknown as Snapshot
          try {
            c.load(snap)
          } catch (error) {
            throw new ControlError(400, (error as Error).message)
          }
          return send(200, {loaded: true})
        }
        case 'POST /reset':
          need(cloud, 'reset').reset()
          return send(200, {reset: true})
        case 'GET /dump': {
          const c = need(cloud, 'dump')
          const filter: DumpFilter = {region: url.searchParams.get('region') ?? undefined, service: url.searchParams.get('service') ?? undefined}
          if (filter.region && !c.regions.includes(filter.region)) throw new ControlError(400, `unknown region ${filter.region} (regions: ${c.regions.join(', ')})`)
          return send(200, c.dump(filter))
        }
      }
      req.resume()
      throw new ControlError(404, `no control route ${route}`)
    } catch (error) {
      req.resume()
      const e = error instanceof ControlError ? error : new ControlError(500, (error as Error).message)
      send(e.status, {error: e.message})
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, opts.host, () => resolve())
  })
  const {port} = server.address() as AddressInfo
  return {
    url: `http://${opts.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
