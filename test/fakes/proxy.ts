/**
 * A loopback proxy in front of one real service (the fault-injection pass of issue 8): it
 * forwards each request to `target` unless `fault` says otherwise for it, and records what came.
 * Pointed at with endpoint overrides (or an auth URL), it lets the built binary meet a stalled
 * body, a 503 after the work was done, a Retry-After of an hour, or a body that echoes the token,
 * while everything else is the real service.
 */
import http from 'node:http'
import https from 'node:https'
import {type AddressInfo} from 'node:net'

export type Fault =
  /** Forward, then send the answer's headers and half its body, and nothing more. */
  | 'stall-body'
  /** Forward (the service does the work), then answer 503 instead of the real answer. */
  | '503-after-forward'
  /** Answer 503 with this Retry-After, without forwarding. */
  | {retryAfter: string}
  /** Answer 500 with a body that echoes the request's X-Auth-Token and this text. */
  | {echoToken: string}
  | undefined

export interface ProxyRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
}

export class FaultProxy {
  readonly received: ProxyRequest[] = []
  private server!: http.Server

  constructor(
    private readonly target: string,
    private readonly fault: (req: ProxyRequest, index: number) => Fault,
    private readonly tls?: {key: Buffer; cert: Buffer},
  ) {}

  async start(): Promise<string> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(502).end()
        else res.destroy()
      })
    }
    this.server = this.tls ? https.createServer(this.tls, handler) : http.createServer(handler)
    this.server.on('tlsClientError', () => undefined)
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r))
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((r) => this.server.close(() => r()))
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const seen: ProxyRequest = {method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers}
    const fault = this.fault(seen, this.received.length)
    this.received.push(seen)
    if (fault && typeof fault === 'object' && 'retryAfter' in fault) {
      res.writeHead(503, {'Content-Type': 'application/json', 'Retry-After': fault.retryAfter}).end('{"message": "maintenance"}')
      return
    }
    if (fault && typeof fault === 'object' && 'echoToken' in fault) {
      const body = JSON.stringify({NeutronError: {type: 'Echo', message: `token ${String(req.headers['x-auth-token'])} rejected: ${fault.echoToken}`, detail: ''}})
      res.writeHead(500, {'Content-Type': 'application/json'}).end(body)
      return
    }
    const answer = await this.forward(req, Buffer.concat(chunks))
    if (fault === '503-after-forward') {
      res.writeHead(503, {'Content-Type': 'text/plain'}).end('Service Unavailable')
      return
    }
    const headers = {...answer.headers}
    delete headers['transfer-encoding']
    delete headers.connection
    headers['content-length'] = String(answer.body.length)
    res.writeHead(answer.status, headers)
    if (fault === 'stall-body') {
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)))
      await new Promise<void>((r) => res.once('close', () => r()))
      return
    }
    res.end(answer.body)
  }

  private forward(req: http.IncomingMessage, body: Buffer): Promise<{status: number; headers: http.IncomingHttpHeaders; body: Buffer}> {
    const url = new URL(req.url ?? '/', this.target)
    const headers = {...req.headers, host: url.host}
    return new Promise((resolve, reject) => {
      const out = http.request(url, {method: req.method, headers}, (res) => {
        const parts: Buffer[] = []
        res.on('data', (c: Buffer) => parts.push(c))
        res.on('end', () => resolve({status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(parts)}))
        res.on('error', reject)
      })
      out.on('error', reject)
      out.end(body)
    })
  }
}
