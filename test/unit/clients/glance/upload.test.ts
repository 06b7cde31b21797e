// Image data in and out over a loopback fake Glance: streamed upload with rollback, verified
// download with no partial file. The real Glance covers the happy paths (test/integration);
// these cover what it will not readily do: fail mid-upload, stall, send corrupt or short data.
import {createHash} from 'node:crypto'
import http from 'node:http'
import {type AddressInfo} from 'node:net'
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {
  checkWritableTarget,
  createImageWithData,
  downloadImageData,
  expectedHash,
  FileBody,
  fileBody,
  openImageFile,
  saveToFile,
  uploadImageData,
} from '../../../../src/clients/glance/index.js'
import {ConnectionError, UsageError} from '../../../../src/core/errors.js'
import {ServiceClient} from '../../../../src/http/service-client.js'
import {Transport} from '../../../../src/http/transport.js'
import {useTempDir} from '../../../fakes/tmp.js'
import {mrctlRejection as rejection} from '../../../fakes/rejection.js'

type Handler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => void | Promise<void>

/** A loopback Glance that answers `METHOD path` with the handler given; anything else is a 500 and a test failure. */
class FakeGlance {
  readonly calls: Array<{method: string; path: string; headers: http.IncomingHttpHeaders; body: Buffer}> = []
  readonly unexpected: string[] = []
  private server!: http.Server
  constructor(private readonly routes: Record<string, Handler>, private readonly readBody = true) {}

  async start(): Promise<string> {
    // `Expect: 100-continue`: a route named `EARLY <method> <path>` answers before the body is sent
    this.server = http.createServer()
    this.server.on('checkContinue', (req, res) => {
      const early = this.routes[`EARLY ${req.method} ${req.url}`]
      if (!early) {
        res.writeContinue()
        this.server.emit('request', req, res)
        return
      }
      this.calls.push({method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.alloc(0)})
      void early(req, Buffer.alloc(0), res)
    })
    this.server.on('request', async (req, res) => {
      const key = `${req.method} ${req.url}`
      const handler = this.routes[key]
      let body = Buffer.alloc(0)
      if (this.readBody || !handler) {
        const chunks: Buffer[] = []
        for await (const c of req) chunks.push(c as Buffer)
        body = Buffer.concat(chunks)
      }
      this.calls.push({method: req.method ?? '', path: req.url ?? '', headers: req.headers, body})
      if (!handler) {
        this.unexpected.push(key)
        res.writeHead(500).end()
        return
      }
      await handler(req, body, res)
    })
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v2`
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((r) => this.server.close(() => r()))
  }
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text))}).end(text)
}

const servers: FakeGlance[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})
const tmp = useTempDir('mrctl-glance-')

async function glance(routes: Record<string, Handler>, readBody = true, timeoutMs = 2000): Promise<{fake: FakeGlance; client: ServiceClient}> {
  const fake = new FakeGlance(routes, readBody)
  servers.push(fake)
  const base = await fake.start()
  const transport = new Transport({requestTimeoutMs: timeoutMs, retries: 0, insecure: false, userAgent: 'mrctl-test'})
  const client = new ServiceClient(transport, 'Glance', 'image', 'RegionOne', base, {token: async () => 'tok', refresh: async () => 'tok'})
  return {fake, client}
}


const QUEUED = {id: 'img-1', name: 'n', status: 'queued', size: null, tags: []}

async function dataFile(bytes: number): Promise<{path: string; data: Buffer}> {
  const data = Buffer.alloc(bytes)
  for (let i = 0; i < bytes; i++) data[i] = (i * 7 + (i >> 8)) & 0xff
  const path = join(tmp.path, 'image.raw')
  await writeFile(path, data)
  return {path, data}
}

describe('image create with data', () => {
  it('POSTs the record, PUTs the file as octet-stream with its length, and returns the POST answer', async () => {
    const {path, data} = await dataFile(600_000)
    const {fake, client} = await glance({
      'POST /v2/images': (_req, _body, res) => json(res, 201, QUEUED),
      'PUT /v2/images/img-1/file': (_req, _body, res) => void res.writeHead(204).end(),
    })
    const seen: number[] = []
    const image = await createImageWithData(client, {name: 'n'}, await openImageFile(path), {onProgress: (n) => seen.push(n)})
    expect(image).toEqual(QUEUED)
    const put = fake.calls.find((c) => c.method === 'PUT')
    expect(put?.headers['content-type']).toBe('application/octet-stream')
    expect(put?.headers['content-length']).toBe('600000')
    expect(put?.headers['x-auth-token']).toBe('tok')
    expect(put?.body.equals(data)).toBe(true)
    expect(seen.at(-1)).toBe(600_000)
    expect(fake.unexpected).toEqual([])
  })

  it('deletes the record when the upload is refused, and says so', async () => {
    const {path} = await dataFile(10_000)
    const {fake, client} = await glance({
      'POST /v2/images': (_req, _body, res) => json(res, 201, QUEUED),
      'PUT /v2/images/img-1/file': (_req, _body, res) => json(res, 413, {message: 'Image exceeds the storage quota'}),
      'DELETE /v2/images/img-1': (_req, _body, res) => void res.writeHead(204).end(),
    })
    const err = await rejection(createImageWithData(client, {name: 'n'}, await openImageFile(path)))
    expect(err.message).toBe(`Upload of ${path} to image img-1 in RegionOne failed: Glance 413: Image exceeds the storage quota. The image record was deleted.`)
    expect(err.exitCode).toBe(1)
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v2/images', 'PUT /v2/images/img-1/file', 'DELETE /v2/images/img-1'])
  })

  it('when the clean-up fails too, says how to delete the record', async () => {
    const {path} = await dataFile(10)
    const {client} = await glance({
      'POST /v2/images': (_req, _body, res) => json(res, 201, QUEUED),
      'PUT /v2/images/img-1/file': (_req, _body, res) => json(res, 500, {message: 'store down'}),
      'DELETE /v2/images/img-1': (_req, _body, res) => json(res, 403, {message: 'forbidden'}),
    })
    const err = await rejection(createImageWithData(client, {name: 'n'}, await openImageFile(path)))
    expect(err.message).toMatch(/failed: Glance 500: store down\. Deleting the image record failed too: Glance 403: forbidden$/)
    expect(err.actions).toEqual(['delete the record with: mrctl image delete img-1 --os-region-name RegionOne'])
  })

  it('an interrupted upload (abort) deletes the record and exits 130', async () => {
    const {path} = await dataFile(10)
    const {fake, client} = await glance({
      'POST /v2/images': (_req, _body, res) => json(res, 201, QUEUED),
      'DELETE /v2/images/img-1': (_req, _body, res) => void res.writeHead(204).end(),
    })
    const abort = new AbortController()
    abort.abort(new Error('interrupted'))
    const err = await rejection(createImageWithData(client, {name: 'n'}, await openImageFile(path), {signal: abort.signal}))
    expect(err.exitCode).toBe(130)
    expect(err.message).toMatch(/interrupted\. The image record was deleted\.$/)
    expect(fake.calls.map((c) => c.method)).toEqual(['POST', 'DELETE'])
  })

  it('a server that stops reading the upload fails after the timeout with no progress, and the record goes', async () => {
    const {path} = await dataFile(8 * 1024 * 1024)
    const {fake, client} = await glance(
      {
        'POST /v2/images': (_req, _body, res) => json(res, 201, QUEUED),
        // never reads the body and never answers: the socket fills up and nothing moves
        'PUT /v2/images/img-1/file': (req) => void req.pause(),
        'DELETE /v2/images/img-1': (_req, _body, res) => void res.writeHead(204).end(),
      },
      false,
      300,
    )
    const err = await rejection(createImageWithData(client, {name: 'n'}, await openImageFile(path)))
    expect(err.message).toMatch(/failed: Glance: cannot reach http:\/\/127\.0\.0\.1:\d+ \(nothing sent or received for 0\.3 s\)\. The image record was deleted\.$/)
    expect(err.actions).toEqual(['raise the limit with --http-timeout SECONDS'])
    expect(fake.calls.at(-1)?.method).toBe('DELETE')
  })

  it('a refusal sent before the data (Expect: 100-continue) is reported with the server\'s reason', async () => {
    const {path} = await dataFile(16 * 1024 * 1024)
    const {fake, client} = await glance(
      {
        'POST /v2/images': (_req, _body, res) => json(res, 201, QUEUED),
        // answers the headers (Expect: 100-continue) with a refusal: no byte of the 16 MiB is sent
        'EARLY PUT /v2/images/img-1/file': (_req, _body, res) => json(res, 413, {message: 'Request Entity Too Large'}),
        'DELETE /v2/images/img-1': (_req, _body, res) => void res.writeHead(204).end(),
      },
      false,
    )
    const err = await rejection(createImageWithData(client, {name: 'n'}, await openImageFile(path)))
    expect(err.message).toMatch(/failed: Glance 413: Request Entity Too Large\. The image record was deleted\.$/)
    expect(fake.calls.map((c) => `${c.method} ${c.body.length}`)).toEqual(['POST 0', 'PUT 0', 'DELETE 0'])
    expect(fake.calls[1].headers.expect).toBe('100-continue')
  })

  it('a FileBody read as a plain stream (any transport) gives the whole file, from the first byte', async () => {
    const {path, data} = await dataFile(2_500_000)
    const src = await openImageFile(path)
    const body = new FileBody(src, {chunkSize: 1_000_000})
    const chunks: Uint8Array[] = []
    for await (const c of body) chunks.push(c)
    await src.handle.close()
    expect(chunks.map((c) => c.byteLength)).toEqual([1_000_000, 1_000_000, 500_000])
    expect(Buffer.concat(chunks).equals(data)).toBe(true)
  })

  it('another stream body goes up through fetch, unbuffered', async () => {
    const {fake, client} = await glance({'PUT /v2/images/img-1/file': (_req, _body, res) => void res.writeHead(204).end()})
    const parts = ['first ', 'second ', 'third']
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        const next = parts.shift()
        if (next === undefined) ctl.close()
        else ctl.enqueue(new TextEncoder().encode(next))
      },
    })
    await uploadImageData(client, 'img-1', body)
    expect(fake.calls[0].body.toString()).toBe('first second third')
    expect(fake.calls[0].headers['transfer-encoding']).toBe('chunked')
  })

  it('refuses a missing file, a folder, before any request', async () => {
    const missing = await rejection(openImageFile(join(tmp.path, 'nope.img')))
    expect(missing).toBeInstanceOf(UsageError)
    expect(missing.message).toBe(`--file ${join(tmp.path, 'nope.img')}: no such file`)
    const dir = await rejection(openImageFile(tmp.path))
    expect(dir).toBeInstanceOf(UsageError)
    expect(dir.message).toBe(`--file ${tmp.path} is a directory, not an image file`)
  })

  it('fails the body when the file shrinks while it is read', async () => {
    const {path} = await dataFile(1000)
    const src = await openImageFile(path)
    await writeFile(path, Buffer.alloc(10))
    const reader = fileBody(src).getReader()
    const err = await rejection((async () => {
      for (;;) if ((await reader.read()).done) break
    })())
    expect(err.message).toBe(`${path} changed while it was uploaded (10 bytes read, 1000 expected)`)
  })
})

describe('image save', () => {
  const DATA = Buffer.from('glance image bytes '.repeat(5000))
  const sha512 = createHash('sha512').update(DATA).digest('hex')
  const md5 = createHash('md5').update(DATA).digest('hex')

  const download = (body: Buffer, opts: {cutAfter?: number} = {}): Handler => (_req, _b, res) => {
    res.writeHead(200, {'Content-Type': 'application/octet-stream', 'Content-Length': String(DATA.length)})
    if (opts.cutAfter === undefined) {
      res.end(body)
      return
    }
    res.write(body.subarray(0, opts.cutAfter), () => res.destroy())
  }

  it('writes the data, checked against os_hash_value, and leaves only the target', async () => {
    const {client} = await glance({'GET /v2/images/img-1/file': download(DATA)})
    const target = join(tmp.path, 'out.raw')
    await checkWritableTarget(target)
    const {stream} = await downloadImageData(client, 'img-1')
    const res = await saveToFile(stream!, target, expectedHash({os_hash_algo: 'sha512', os_hash_value: sha512, checksum: md5}))
    expect(res).toEqual({bytes: DATA.length, verified: {algo: 'sha512', value: sha512}})
    expect((await readFile(target)).equals(DATA)).toBe(true)
    expect(await readdir(tmp.path)).toEqual(['out.raw'])
  })

  it('falls back to the MD5 checksum when there is no multihash', () => {
    expect(expectedHash({checksum: md5})).toEqual({algo: 'md5', value: md5})
    expect(expectedHash({os_hash_algo: 'no-such-algo', os_hash_value: 'x', checksum: md5})).toEqual({algo: 'md5', value: md5})
    expect(expectedHash({})).toBeUndefined()
  })

  it('a hash mismatch fails and leaves no file, not even the old target replaced', async () => {
    const corrupt = Buffer.from(DATA)
    corrupt[100] ^= 1
    const {client} = await glance({'GET /v2/images/img-1/file': download(corrupt)})
    const target = join(tmp.path, 'out.raw')
    await writeFile(target, 'previous content')
    const {stream} = await downloadImageData(client, 'img-1')
    const err = await rejection(saveToFile(stream!, target, {algo: 'sha512', value: sha512}))
    expect(err.code).toBe('ChecksumMismatch')
    expect(err.message).toMatch(/^the downloaded data does not match the image's sha512/)
    expect(await readdir(tmp.path)).toEqual(['out.raw'])
    expect(await readFile(target, 'utf8')).toBe('previous content')
  })

  it('a download cut short fails and leaves no partial file', async () => {
    const {client} = await glance({'GET /v2/images/img-1/file': download(DATA, {cutAfter: 20_000})})
    const target = join(tmp.path, 'out.raw')
    const {stream} = await downloadImageData(client, 'img-1')
    const err = await rejection(saveToFile(stream!, target, {algo: 'sha512', value: sha512}))
    expect(err.message).toMatch(/^the download stopped after \d+ bytes: /)
    expect(err.actions).toEqual(['run the command again; no partial file was kept'])
    expect(await readdir(tmp.path)).toEqual([])
  })

  it('an image without data (204) gives no stream', async () => {
    const {client} = await glance({'GET /v2/images/img-1/file': (_req, _b, res) => void res.writeHead(204).end()})
    expect(await downloadImageData(client, 'img-1')).toEqual({})
  })

  it('checks the target before downloading: missing folder, a folder as target', async () => {
    const inMissing = await rejection(checkWritableTarget(join(tmp.path, 'no', 'x.raw')))
    expect(inMissing).toBeInstanceOf(UsageError)
    expect(inMissing.message).toBe(`--file ${join(tmp.path, 'no', 'x.raw')}: the folder ${join(tmp.path, 'no')} does not exist`)
    await mkdir(join(tmp.path, 'd'))
    const isDir = await rejection(checkWritableTarget(join(tmp.path, 'd')))
    expect(isDir.message).toBe(`--file ${join(tmp.path, 'd')} is a directory`)
  })
})

describe('Transport with stream bodies', () => {
  it('sends requests without a stream body through the shared transport (JSON, errors)', async () => {
    const {client} = await glance({'GET /v2/images/x': (_req, _b, res) => json(res, 404, {message: 'nope'})})
    const err = await rejection(client.get('/images/x'))
    expect(err.message).toBe('Glance 404: nope')
  })

  it('a refused connection is a ConnectionError naming the endpoint', async () => {
    const fake = new FakeGlance({})
    const base = await fake.start()
    await fake.close()
    const transport = new Transport({requestTimeoutMs: 2000, retries: 0, insecure: false, userAgent: 't'})
    const c = new ServiceClient(transport, 'Glance', 'image', 'R', base, {token: async () => 't', refresh: async () => 't'})
    const body = new ReadableStream<Uint8Array>({pull: (ctl) => ctl.enqueue(new Uint8Array(10))})
    const err = await rejection(c.request('PUT', '/images/x/file', {body}))
    expect(err).toBeInstanceOf(ConnectionError)
    expect(err.message).toMatch(/^Glance: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/)
  })
})

describe('openImageFile refuses what is not a regular file, at once (issue 8: a FIFO hung in open())', () => {
  it('a named pipe is refused within a second, before anything is sent', async () => {
    const {execFileSync} = await import('node:child_process')
    const {closeSync, constants, openSync} = await import('node:fs')
    const fifo = join(tmp.path, 'image.fifo')
    execFileSync('mkfifo', [fifo])
    try {
      const outcome = await Promise.race([
        openImageFile(fifo).then(
          () => 'opened',
          (error: Error) => error,
        ),
        new Promise<string>((r) => setTimeout(() => r('still waiting after 1 s'), 1000)),
      ])
      expect(outcome).toBeInstanceOf(UsageError)
      expect((outcome as UsageError).message).toBe(`--file ${fifo} is not a regular file (a named pipe)`)
    } finally {
      // release an open() still waiting for a writer (the old behaviour), so the worker can end
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK))
      } catch {}
    }
  })

  it('a character device is refused too', async () => {
    const err = await rejection(openImageFile('/dev/null'))
    expect(err).toBeInstanceOf(UsageError)
    expect(err.message).toBe('--file /dev/null is not a regular file (a character device)')
  })
})
