/**
 * The little of the tar format `appcontainer cp` needs (what Python's tarfile writes and Docker's
 * archive API returns): ustar headers for files and directories; reading also follows GNU long
 * names (`L`) and pax `path` records (`x`). Links and devices are reported, not extracted.
 */

export interface TarEntry {
  name: string
  type: 'file' | 'dir' | 'other'
  data: Buffer
  mode: number
  /** Seconds since the epoch. */
  mtime: number
}

const BLOCK = 512

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0'
}

function header(name: string, o: {size: number; mode: number; mtime: number; type: '0' | '5'}): Buffer {
  const h = Buffer.alloc(BLOCK)
  let prefix = ''
  let base = name
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 2)
    prefix = cut > 0 ? name.slice(0, cut) : ''
    base = cut > 0 ? name.slice(cut + 1) : name
    if (!prefix || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) {
      throw new Error(`path too long for a tar archive: ${name}`)
    }
  }
  h.write(base, 0, 100, 'utf8')
  h.write(octal(o.mode & 0o7777, 8), 100, 'ascii')
  h.write(octal(0, 8), 108, 'ascii')
  h.write(octal(0, 8), 116, 'ascii')
  h.write(octal(o.size, 12), 124, 'ascii')
  h.write(octal(Math.floor(o.mtime), 12), 136, 'ascii')
  h.write('        ', 148, 'ascii')
  h.write(o.type, 156, 'ascii')
  h.write('ustar\0', 257, 'ascii')
  h.write('00', 263, 'ascii')
  h.write(prefix, 345, 155, 'utf8')
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii')
  return h
}

/** A tar of these entries (directories need no data), ended by two zero blocks. */
export function createTar(entries: Array<{name: string; type?: 'file' | 'dir'; data?: Buffer; mode?: number; mtime?: number}>): Buffer {
  const parts: Buffer[] = []
  for (const e of entries) {
    const data = e.type === 'dir' ? Buffer.alloc(0) : (e.data ?? Buffer.alloc(0))
    const name = e.type === 'dir' && !e.name.endsWith('/') ? `${e.name}/` : e.name
    parts.push(header(name, {size: data.length, mode: e.mode ?? (e.type === 'dir' ? 0o755 : 0o644), mtime: e.mtime ?? Date.now() / 1000, type: e.type === 'dir' ? '5' : '0'}))
    parts.push(data)
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK
    if (pad) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(BLOCK * 2))
  return Buffer.concat(parts)
}

function field(h: Buffer, start: number, length: number): string {
  const raw = h.subarray(start, start + length)
  const nul = raw.indexOf(0)
  return raw.subarray(0, nul < 0 ? length : nul).toString('utf8')
}

function number(h: Buffer, start: number, length: number): number {
  if (h[start] & 0x80) {
    // base-256 (GNU) for big values
    let n = 0
    for (let i = start + 1; i < start + length; i++) n = n * 256 + h[i]
    return n
  }
  const text = field(h, start, length).trim()
  return text ? Number.parseInt(text, 8) : 0
}

/** The entries of a tar archive; throws on a damaged one. */
export function readTar(buf: Buffer): TarEntry[] {
  const out: TarEntry[] = []
  let offset = 0
  let longName: string | undefined
  while (offset + BLOCK <= buf.length) {
    const h = buf.subarray(offset, offset + BLOCK)
    if (h.every((b) => b === 0)) break
    let sum = 0
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]
    if (sum !== number(h, 148, 8)) throw new Error(`damaged tar archive: bad header checksum at byte ${offset}`)
    const size = number(h, 124, 12)
    const type = String.fromCharCode(h[156] || 48)
    const dataStart = offset + BLOCK
    const data = buf.subarray(dataStart, dataStart + size)
    if (data.length < size) throw new Error('damaged tar archive: truncated')
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '')
      continue
    }
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))
      if (m) longName = m[1]
      continue
    }
    if (type === 'g') continue
    const prefix = field(h, 257, 6) === 'ustar' ? field(h, 345, 155) : ''
    const name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100))
    longName = undefined
    out.push({
      name,
      type: type === '0' || type === '7' ? 'file' : type === '5' ? 'dir' : 'other',
      data: Buffer.from(data),
      mode: number(h, 100, 8),
      mtime: number(h, 136, 12),
    })
  }
  return out
}
