/**
 * Just enough of the ustar format for `get_archive`/`put_archive` (`openstack appcontainer cp`):
 * write an archive of one regular file, and read the regular files out of an archive.
 */

export interface TarEntry {
  name: string
  data: Buffer
  mode: number
  mtime: number
}

function writeString(buf: Buffer, offset: number, length: number, value: string): void {
  buf.write(value.slice(0, length), offset, length, 'utf8')
}

function writeOctal(buf: Buffer, offset: number, length: number, value: number): void {
  writeString(buf, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`)
}

export function createTar(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = []
  for (const e of entries) {
    const header = Buffer.alloc(512)
    writeString(header, 0, 100, e.name)
    writeOctal(header, 100, 8, e.mode & 0o7777)
    writeOctal(header, 108, 8, 0)
    writeOctal(header, 116, 8, 0)
    writeOctal(header, 124, 12, e.data.length)
    writeOctal(header, 136, 12, Math.floor(e.mtime))
    header.fill(' ', 148, 156)
    header.write('0', 156, 1, 'utf8')
    header.write('ustar\0', 257, 6, 'utf8')
    header.write('00', 263, 2, 'utf8')
    writeString(header, 265, 32, 'root')
    writeString(header, 297, 32, 'root')
    let sum = 0
    for (const byte of header) sum += byte
    writeString(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `)
    blocks.push(header, e.data, Buffer.alloc((512 - (e.data.length % 512)) % 512))
  }
  blocks.push(Buffer.alloc(1024))
  return Buffer.concat(blocks)
}

function readString(buf: Buffer, offset: number, length: number): string {
  const raw = buf.subarray(offset, offset + length)
  const end = raw.indexOf(0)
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8')
}

function readOctal(buf: Buffer, offset: number, length: number): number {
  const text = readString(buf, offset, length).trim()
  return text ? parseInt(text, 8) : 0
}

/** The regular files of an archive; throws on something that is not a tar. */
export function readTar(archive: Buffer): TarEntry[] {
  const out: TarEntry[] = []
  let offset = 0
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512)
    if (header.every((b) => b === 0)) break
    if (readString(header, 257, 5) !== 'ustar' && readString(header, 257, 6).trim() !== 'ustar') {
      let sum = 0
      for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]
      if (sum !== readOctal(header, 148, 8)) throw new Error('not a tar archive')
    }
    const prefix = readString(header, 345, 155)
    const name = (prefix ? `${prefix}/` : '') + readString(header, 0, 100)
    const size = readOctal(header, 124, 12)
    const type = String.fromCharCode(header[156] || 48)
    const data = Buffer.from(archive.subarray(offset + 512, offset + 512 + size))
    if (data.length !== size) throw new Error('truncated tar archive')
    if (type === '0' || type === '\0') {
      out.push({name, data, mode: readOctal(header, 100, 8), mtime: readOctal(header, 136, 12)})
    }
    offset += 512 + Math.ceil(size / 512) * 512
  }
  return out
}
