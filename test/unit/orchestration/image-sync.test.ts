import {describe, expect, it} from 'vitest'

import type {Image} from '../../../src/clients/glance/images.js'

import {broadcast, decideTarget} from '../../../src/orchestration/image-sync.js'

/** A source of `count` chunks that records how far it has been read. */
function source(count: number, size = 4) {
  let read = 0
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read === count) return controller.close()
        controller.enqueue(new Uint8Array(size).fill(read))
        read++
      },
    },
    {highWaterMark: 0},
  )
  return {stream, read: () => read}
}

async function drain(s: ReadableStream<Uint8Array>, eachChunk: () => Promise<void> = async () => {}): Promise<number[]> {
  const out: number[] = []
  const reader = s.getReader()
  for (;;) {
    const {done, value} = await reader.read()
    if (done) return out
    out.push(value[0])
    await eachChunk()
  }
}

describe('broadcast: one source read once for several uploads, in constant memory', () => {
  it('gives every branch every chunk, reading each chunk from the source once', async () => {
    const src = source(5)
    const seen: number[] = []
    const [a, b, c] = broadcast(src.stream, 3, {onChunk: (ch) => seen.push(ch[0])})
    const got = await Promise.all([drain(a), drain(b), drain(c)])
    expect(got).toEqual([[0, 1, 2, 3, 4], [0, 1, 2, 3, 4], [0, 1, 2, 3, 4]])
    expect(seen).toEqual([0, 1, 2, 3, 4])
  })

  it('never reads ahead of the slowest branch by more than its window', async () => {
    const src = source(20)
    const [fast, slow] = broadcast(src.stream, 2, {windowBytes: 12})
    let slowTaken = 0
    let maxLead = 0
    const fastDone = drain(fast, async () => {
      maxLead = Math.max(maxLead, src.read() - slowTaken)
    })
    const slowDone = drain(slow, async () => {
      slowTaken++
      for (let i = 0; i < 5; i++) await Promise.resolve()
    })
    await Promise.all([fastDone, slowDone])
    expect(slowTaken).toBe(20)
    // 12 bytes: three 4-byte chunks held at most.
    expect(maxLead).toBeLessThanOrEqual(3)
    expect(maxLead).toBeGreaterThan(1)
  })

  it('a cancelled branch (a failed upload) drops out and the others go on; the source is cancelled when none is left', async () => {
    let cancelled = false
    let n = 0
    const stream = new ReadableStream<Uint8Array>(
      {
        pull: (c) => void (n === 6 ? c.close() : c.enqueue(new Uint8Array(1).fill(n++))),
        cancel: () => void (cancelled = true),
      },
      {highWaterMark: 0},
    )
    const [a, b, c] = broadcast(stream, 3)
    const [ra, rb, rc] = [a.getReader(), b.getReader(), c.getReader()]
    expect((await Promise.all([ra.read(), rb.read(), rc.read()])).map((r) => r.value?.[0])).toEqual([0, 0, 0])
    await rb.cancel()
    const after: number[] = []
    for (let i = 0; i < 2; i++) {
      const [x, y] = await Promise.all([ra.read(), rc.read()])
      after.push(x.value![0], y.value![0])
    }
    expect(after).toEqual([1, 1, 2, 2])
    await rc.cancel()
    expect(cancelled).toBe(false)
    await ra.cancel()
    expect(cancelled).toBe(true)
  })
})

const img = (o: Partial<Image>): Image => ({id: 'x', name: 'cirros', status: 'active', os_hash_algo: 'sha512', os_hash_value: 'aaa', checksum: 'm1', ...o}) as Image

describe('image sync: what each target needs', () => {
  const source = img({id: 'src'})
  it('skips a target whose image of the same name has the same checksum', () => {
    expect(decideTarget('R2', source, [img({id: 't'})], {asked: false, advertised: false})).toMatchObject({action: 'skip', reason: 'image t has the same checksum'})
  })
  it('refuses to add a second image of the name when the one there has other data', () => {
    expect(decideTarget('R2', source, [img({id: 't', os_hash_value: 'bbb'})], {asked: false, advertised: false})).toMatchObject({action: 'refuse'})
  })
  it('copies, server-side only when asked and advertised', () => {
    expect(decideTarget('R2', source, [], {asked: false, advertised: true}).action).toBe('copy')
    expect(decideTarget('R2', source, [], {asked: true, advertised: true}).action).toBe('server-side')
    expect(decideTarget('R2', source, [], {asked: true, advertised: false})).toMatchObject({action: 'copy', reason: /not offered/})
  })
})
