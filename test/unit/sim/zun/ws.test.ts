import http from 'node:http'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import WebSocket from 'ws'

import {type Harness, SETTLE, startHarness} from './helpers.js'

/** How long a test waits for an expected frame or close before failing (a deadline, not a sleep). */
const DEADLINE = 5000

function within<T>(p: Promise<T>, what: string, ms = DEADLINE): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

interface Client {
  ws: WebSocket
  /** The subprotocol the proxy chose. */
  protocol: string
  frames: Array<{binary: boolean; data: Buffer}>
  /** Everything received, decoded. */
  output(): string
  /** Resolves with the whole output once it matches. */
  until(match: string | RegExp): Promise<string>
  closed: Promise<{code: number; reason: string}>
  /** Sends keystrokes as a binary frame, as zunclient does. */
  type(text: string): void
}

function connect(url: string, opts: {protocols?: string[]; origin?: string} = {}): Promise<Client> {
  const ws = new WebSocket(url, opts.protocols ?? ['binary', 'base64'], opts.origin ? {origin: opts.origin} : {})
  const frames: Client['frames'] = []
  const waiters: Array<() => void> = []
  const output = (): string => Buffer.concat(frames.map((f) => f.data)).toString('utf8')
  ws.on('message', (data, isBinary) => {
    frames.push({binary: isBinary, data: Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[])})
    for (const w of [...waiters]) w()
  })
  const closed = new Promise<{code: number; reason: string}>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({code, reason: reason.toString()})
      for (const w of [...waiters]) w()
    })
  })
  const until = (match: string | RegExp): Promise<string> =>
    within(
      new Promise<string>((resolve, reject) => {
        const check = (): void => {
          const out = output()
          if (typeof match === 'string' ? out.includes(match) : match.test(out)) {
            waiters.splice(waiters.indexOf(check), 1)
            resolve(out)
          } else if (ws.readyState === WebSocket.CLOSED) {
            waiters.splice(waiters.indexOf(check), 1)
            reject(new Error(`closed before ${JSON.stringify(String(match))}; got ${JSON.stringify(out)}`))
          }
        }
        waiters.push(check)
        check()
      }),
      JSON.stringify(String(match)),
    ).catch((err: Error) => {
      throw new Error(`${err.message}; got ${JSON.stringify(output())}`)
    })
  return within(
    new Promise<Client>((resolve, reject) => {
      ws.once('open', () => resolve({ws, protocol: ws.protocol, frames, output, until, closed, type: (t) => ws.send(Buffer.from(t), {binary: true})}))
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
      ws.once('error', reject)
    }),
    `the handshake with ${url}`,
  )
}

/** A plain HTTP request to the proxy: status, headers, body. */
function plain(url: string, method: string, headers: Record<string, string> = {}): Promise<{status: number; headers: http.IncomingHttpHeaders; body: string}> {
  return new Promise((resolve, reject) => {
    const req = http.request(url.replace(/^ws:/, 'http:'), {method, headers}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8')}))
    })
    req.on('error', reject)
    req.end()
  })
}

const PROMPT = '/ # '

describe('zun-wsproxy: attach (zun-api.md §3.8, §5.2)', () => {
  let h: Harness
  let log: string[]
  let tty: any

  beforeEach(async () => {
    log = []
    h = await startHarness({wsLog: (line) => log.push(line)})
    tty = await h.container({name: 'tty', interactive: true}, {run: true})
    expect(tty.status).toBe('Running')
  })
  afterEach(async () => {
    await h.close()
    expect(h.unexpected).toEqual([])
  })

  async function attachUrl(ident: string = tty.uuid): Promise<string> {
    const r = await h.call('GET', `/v1/containers/${ident}/attach`)
    expect(r.status).toBe(200)
    return r.json
  }

  /** A refused connection: the handshake succeeds, then the socket drops with no frame. */
  async function expectRefused(url: string, why: string, origin?: string): Promise<void> {
    const c = await connect(url, {origin})
    const {code} = await within(c.closed, 'the refusal')
    expect(code).toBe(1006)
    expect(c.frames).toEqual([])
    expect(log.at(-1)).toBe(`handler exception: ${why}`)
  }

  it('serves on its own port, where the attach URL points; plain HTTP gets 405/501 as websockify answers', async () => {
    const url = await attachUrl()
    expect(h.server.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/)
    expect(new URL(h.server.wsUrl).port).not.toBe(new URL(h.server.url).port)
    expect(url).toBe(`${h.server.wsUrl}?token=${h.server.state.containers.get(tty.uuid)?.websocketToken}&uuid=${tty.uuid}`)
    const get = await plain(url, 'GET')
    expect(get.status).toBe(405)
    expect(get.headers.server).toMatch(/^WebSockify Python/)
    expect(get.body).toContain('<p>Message: Method Not Allowed.</p>')
    expect((await plain(url, 'POST')).status).toBe(501)
  })

  it('gives the container tty: nothing on connect, a prompt on Enter, echo, and the emulated commands', async () => {
    const c = await connect(await attachUrl())
    expect(c.protocol).toBe('binary')
    c.type('\r')
    expect(await c.until(PROMPT)).toBe(`\r\n${PROMPT}`)
    // Typed in pieces, as a raw terminal sends keystrokes.
    for (const k of ['ec', 'ho hello', '\r']) c.type(k)
    await c.until(`echo hello\r\nhello\r\n${PROMPT}`)
    c.type('hostname\r')
    const hostname = tty.hostname ?? h.server.state.containers.get(tty.uuid)!.dockerId.slice(0, 12)
    await c.until(`hostname\r\n${hostname}\r\n${PROMPT}`)
    c.type('cat /etc/hostname\r')
    await c.until(`cat /etc/hostname\r\n${hostname}\r\n${PROMPT}`)
    c.type('env\r')
    await c.until(`HOSTNAME=${hostname}\r\nHOME=/root\r\n${PROMPT}`)
    c.type('ip -4 addr\r')
    await c.until(/inet 10\.0\.60\.\d+\/24 brd 10\.0\.60\.255 scope global eth0\r\n {7}valid_lft forever preferred_lft forever\r\n\/ # $/)
    c.type('false\rtrue; echo $?\r')
    await c.until(`true; echo $?\r\n0\r\n${PROMPT}`)
    c.type('false\recho $?\r')
    await c.until(`echo $?\r\n1\r\n${PROMPT}`)
    c.type('frob\r')
    await c.until(`frob\r\nsh: frob: not found\r\n${PROMPT}`)
    // DEL erases, Ctrl-U kills the line, arrow keys are dropped, Ctrl-C gives a new prompt.
    c.type('echo abc\x7f\x7fz\x1b[A\r')
    await c.until(`echo abc\b \b\b \bz\r\naz\r\n${PROMPT}`)
    c.type('echo no\x15echo yes\r')
    await c.until(`yes\r\n${PROMPT}`)
    c.type('sleep 10\x03')
    await c.until(`sleep 10^C\r\n${PROMPT}`)
    expect(c.frames.every((f) => f.binary)).toBe(true)

    // Docker logs a tty container's output, so the session is in `logs`.
    const logs = await h.call('GET', `/v1/containers/${tty.uuid}/logs?stdout=True&stderr=True&timestamps=False&tail=all`)
    expect(logs.json).toContain('echo hello\r\nhello\r\n')
    c.ws.close(1000)
    expect((await within(c.closed, 'close')).code).toBe(1000)
  })

  it('resize keeps working and sets the tty size the shell sees', async () => {
    const c = await connect(await attachUrl())
    c.type('stty size\r')
    await c.until(`stty size\r\n0 0\r\n${PROMPT}`)
    expect((await h.call('POST', `/v1/containers/${tty.uuid}/resize?w=100&h=30`)).status).toBe(200)
    c.type('stty size\r')
    await c.until(`stty size\r\n30 100\r\n${PROMPT}`)
    expect((await h.call('POST', `/v1/containers/${tty.uuid}/resize?w=0&h=30`)).status).toBe(400)
  })

  it('shares one terminal between attached clients; leaving keeps the container running and its shell state', async () => {
    const url = await attachUrl()
    const a = await connect(url)
    const b = await connect(url)
    a.type('false\r')
    await b.until(`false\r\n${PROMPT}`)
    a.ws.close(1000)
    await within(a.closed, 'a leaves')
    b.type('echo $?\r')
    await b.until(`echo $?\r\n1\r\n${PROMPT}`)
    b.type('sh -c "exit 7"\r')
    await b.until(`sh -c "exit 7"\r\n${PROMPT}`)
    b.ws.close(1000)
    await within(b.closed, 'b leaves')
    expect((await h.call('GET', `/v1/containers/${tty.uuid}`)).json.status).toBe('Running')
    // Its token still works until the next attach call; the shell still remembers $?.
    const again = await connect(url)
    again.type('echo $?\r')
    expect(await again.until(`echo $?\r\n7\r\n${PROMPT}`)).toBe(`echo $?\r\n7\r\n${PROMPT}`)
  })

  it('`exit` at the main shell ends it: every client gets 1000 "Target closed" and the container stops', async () => {
    const url = await attachUrl()
    const a = await connect(url)
    const b = await connect(url)
    a.type('exit 3\r')
    expect(await within(a.closed, 'a closed')).toEqual({code: 1000, reason: 'Target closed'})
    expect(await within(b.closed, 'b closed')).toEqual({code: 1000, reason: 'Target closed'})
    expect(b.output()).toBe('exit 3\r\n')
    const c = (await h.call('GET', `/v1/containers/${tty.uuid}`)).json
    expect(c.status).toBe('Stopped')
    expect(c.status_detail).toMatch(/^Exited\(3\) /)
    await expectRefused(url, `Container ${h.server.state.containers.get(tty.uuid)!.dockerId} is not running`)
  })

  it('closes the session with "Target closed" once the container is stopped through the API', async () => {
    const c = await connect(await attachUrl())
    expect((await h.call('POST', `/v1/containers/${tty.uuid}/stop?timeout=10`)).status).toBe(202)
    h.advance(SETTLE)
    await h.call('GET', `/v1/containers/${tty.uuid}`)
    expect(await within(c.closed, 'the close')).toEqual({code: 1000, reason: 'Target closed'})
  })

  it('holds input while the container is paused and answers it on unpause', async () => {
    const url = await attachUrl()
    const c = await connect(url)
    expect((await h.call('POST', `/v1/containers/${tty.uuid}/pause`)).status).toBe(202)
    h.advance(SETTLE)
    expect((await h.call('GET', `/v1/containers/${tty.uuid}`)).json.status).toBe('Paused')
    c.type('echo later\r')
    // A new client is refused while paused; the one attached stays, its input held.
    const dockerId = h.server.state.containers.get(tty.uuid)!.dockerId
    await expectRefused(url, `Container ${dockerId} is paused, unpause the container before attach`)
    expect(c.output()).toBe('')
    expect((await h.call('POST', `/v1/containers/${tty.uuid}/unpause`)).status).toBe(202)
    h.advance(SETTLE)
    await h.call('GET', `/v1/containers/${tty.uuid}`)
    await c.until(`echo later\r\nlater\r\n${PROMPT}`)
  })

  it('refuses as zun-wsproxy does: after the handshake, dropping the connection', async () => {
    const url = await attachUrl()
    const bad = new URL(url)
    bad.searchParams.set('token', '00000000-0000-0000-0000-000000000000')
    await expectRefused(bad.toString(), 'Websocket token is invalid')
    const none = new URL(url)
    none.searchParams.delete('token')
    await expectRefused(none.toString(), 'Websocket token is invalid')
    const unknown = new URL(url)
    unknown.searchParams.set('uuid', '11111111-2222-3333-4444-555555555555')
    await expectRefused(unknown.toString(), 'Container 11111111-2222-3333-4444-555555555555 could not be found.')
    const nameless = new URL(url)
    nameless.searchParams.set('uuid', 'nope')
    await expectRefused(nameless.toString(), 'Container nope could not be found.')
    await expectRefused(url, 'Origin header does not match this host.', 'http://evil.example:80')
    await expectRefused(url, 'Origin header protocol does not match this host.', `https://127.0.0.1:${new URL(url).port}`)
    // A newer attach call replaces the token.
    const newer = await attachUrl()
    await expectRefused(url, 'Websocket token is invalid')
    // By name, with zunclient's Origin, is fine.
    const byName = new URL(newer)
    byName.searchParams.set('uuid', 'tty')
    const ok = await connect(byName.toString(), {origin: `http://127.0.0.1:${byName.port}`})
    ok.type('\r')
    await ok.until(PROMPT)
  })

  it('negotiates the binary subprotocol only, and does not take text frames', async () => {
    const url = await attachUrl()
    await expect(connect(url, {protocols: ['base64']})).rejects.toThrow('HTTP 400')
    const bare = await connect(url, {protocols: []})
    expect(bare.protocol).toBe('')
    bare.type('\r')
    await bare.until(PROMPT)
    bare.ws.send('echo text')
    expect(await within(bare.closed, 'the 1003')).toEqual({code: 1003, reason: 'Unsupported: Text frames are not supported'})
  })

  it('streams the output of a non-shell main process as the clock reaches it, and only echoes input', async () => {
    const job = await h.container(
      {name: 'job', interactive: true, command: ['sh', '-c', 'echo start; sleep 5; echo later; sleep 3600']},
      {run: true},
    )
    // The container started SETTLE - start ms ago, past the 5 s: a fresh one is needed to see `later` arrive.
    expect((await h.call('POST', `/v1/containers/${job.uuid}/reboot?timeout=10`)).status).toBe(202)
    h.advance(2000)
    await h.call('GET', `/v1/containers/${job.uuid}`)
    const c = await connect(await attachUrl(job.uuid))
    c.type('hi\r')
    await c.until('hi\r\n')
    h.advance(5000)
    await h.call('GET', `/v1/containers/${job.uuid}`)
    expect(await c.until('later\r\n')).toBe('hi\r\nlater\r\n')
  })
})

describe('zun-wsproxy: interactive exec (zun-api.md §3.6, §5.1)', () => {
  let h: Harness
  let log: string[]
  let uuid: string

  beforeEach(async () => {
    log = []
    h = await startHarness({wsLog: (line) => log.push(line)})
    uuid = (await h.container({name: 'web', command: ['sleep', 'infinity']}, {run: true})).uuid
  })
  afterEach(async () => {
    await h.close()
    expect(h.unexpected).toEqual([])
  })

  async function execUrl(command: string): Promise<{url: string; execId: string}> {
    const r = await h.call('POST', `/v1/containers/${uuid}/execute?command=${encodeURIComponent(command)}&interactive=True&run=False`)
    expect(r.status).toBe(200)
    return {url: r.json.proxy_url, execId: r.json.exec_id}
  }

  it('runs a shell on connect: prompt at once, commands, execute_resize, and `exit` ends the session only', async () => {
    const {url, execId} = await execUrl('"/bin/sh"')
    expect(url.startsWith(`${h.server.wsUrl}?token=`)).toBe(true)
    const c = await connect(url)
    expect(await c.until(PROMPT)).toBe(PROMPT)
    c.type('echo $HOSTNAME\r')
    await c.until(/echo \$HOSTNAME\r\n[0-9a-f]{12}\r\n\/ # $/)
    expect((await h.call('POST', `/v1/containers/${uuid}/execute_resize?exec_id=${execId}&w=120&h=40`)).status).toBe(200)
    c.type('stty size\r')
    await c.until(`stty size\r\n40 120\r\n${PROMPT}`)
    c.type('exit\r')
    expect(await within(c.closed, 'the close')).toEqual({code: 1000, reason: 'Target closed'})
    expect((await h.call('GET', `/v1/containers/${uuid}`)).json.status).toBe('Running')
    // Docker starts an exec instance once.
    await expectRefusedExec(url, `Error: Exec command ${execId} has already run`)
  })

  async function expectRefusedExec(url: string, why: string): Promise<void> {
    const c = await connect(url)
    expect((await within(c.closed, 'the refusal')).code).toBe(1006)
    expect(c.frames).toEqual([])
    expect(log.at(-1)).toBe(`handler exception: ${why}`)
  }

  it('bash gets its own prompt; Ctrl-D ends it', async () => {
    const {url} = await execUrl('"bash"')
    const c = await connect(url)
    await c.until(/^root@[0-9a-f]{12}:\/# $/)
    c.type('\x04')
    expect(await within(c.closed, 'the close')).toEqual({code: 1000, reason: 'Target closed'})
    expect(c.output()).toMatch(/# exit\r\n$/)
  })

  it('a non-shell command prints its output and the session ends; sleeps follow the injected clock', async () => {
    const echo = await connect((await execUrl('"echo" "hi there"')).url)
    expect(await within(echo.closed, 'echo ends')).toEqual({code: 1000, reason: 'Target closed'})
    expect(echo.output()).toBe('hi there\r\n')

    const slow = await connect((await execUrl(`"sh" "-c" "echo a; sleep 5; echo b"`)).url)
    await slow.until('a\r\n')
    h.advance(4000)
    await h.call('GET', `/v1/containers/${uuid}`)
    slow.type('x')
    await slow.until('a\r\nx')
    h.advance(1000)
    await h.call('GET', `/v1/containers/${uuid}`)
    expect(await within(slow.closed, 'the script ends')).toEqual({code: 1000, reason: 'Target closed'})
    expect(slow.output()).toBe('a\r\nxb\r\n')

    const ls = await connect((await execUrl('"ls" "/"')).url)
    await within(ls.closed, 'ls ends')
    expect(ls.output()).toMatch(/^zun emulator: "ls \/" is not an emulated command/)
  })

  it('refuses a token that is not the exec instance’s, and a container that is not running', async () => {
    const {url} = await execUrl('"/bin/sh"')
    const wrong = new URL(url)
    wrong.searchParams.set('exec_id', 'f'.repeat(64))
    await expectRefusedExec(wrong.toString(), 'Websocket token is invalid')
    const other = await execUrl('"/bin/sh"')
    const swapped = new URL(url)
    swapped.searchParams.set('exec_id', other.execId)
    await expectRefusedExec(swapped.toString(), 'Websocket token is invalid')
    expect((await h.call('POST', `/v1/containers/${uuid}/stop?timeout=10`)).status).toBe(202)
    h.advance(SETTLE)
    await h.call('GET', `/v1/containers/${uuid}`)
    await expectRefusedExec(url, `Container ${h.server.state.containers.get(uuid)!.dockerId} is not running`)
  })

  it('closes an exec session when the container is deleted', async () => {
    const c = await connect((await execUrl('"/bin/sh"')).url)
    await c.until(PROMPT)
    expect((await h.call('DELETE', `/v1/containers/${uuid}?force=True&stop=False&all_projects=False`, {token: 'admin'})).status).toBe(204)
    h.advance(SETTLE)
    await h.call('GET', '/v1/containers')
    expect(await within(c.closed, 'the close')).toEqual({code: 1000, reason: 'Target closed'})
  })
})

describe('zun-wsproxy: several emulators', () => {
  it('each region’s emulator has its own proxy port, or the one it is given', async () => {
    const one = await startHarness({region: 'RegionOne'})
    const two = await startHarness({region: 'RegionTwo'})
    const free = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const {port} = s.address() as {port: number}
        s.close(() => resolve(port))
      })
    })
    const three = await startHarness({region: 'RegionThree', wsPort: free})
    try {
      const ports = [one, two, three].map((x) => new URL(x.server.wsUrl).port)
      expect(new Set(ports).size).toBe(3)
      expect(ports[2]).toBe(String(free))
      for (const x of [one, two, three]) {
        const c = await x.container({name: 'tty', interactive: true}, {run: true})
        const url = (await x.call('GET', `/v1/containers/${c.uuid}/attach`)).json as string
        expect(url.startsWith(x.server.wsUrl)).toBe(true)
        const client = await connect(url)
        client.type('\r')
        await client.until(PROMPT)
        client.ws.close()
        await within(client.closed, 'close')
      }
      // A busy proxy port is named like a busy API port.
      await expect(startHarness({wsPort: free})).rejects.toThrow(`The Zun websocket proxy cannot listen on 127.0.0.1:${free}: the address is already in use`)
    } finally {
      await Promise.all([one.close(), two.close(), three.close()])
    }
  })
})
