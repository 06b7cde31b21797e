import {describe, expect, it} from 'vitest'

import {formatLine, LogFollower, mergeByTime, parseTimestamped, stampNs} from '../../../src/orchestration/logs-merge.js'

describe('Docker timestamps', () => {
  it('reads RFC 3339 times with 0 to 9 fraction digits and an offset', () => {
    expect(stampNs('2024-05-01T10:00:00Z')).toBe(1_714_557_600_000_000_000n)
    expect(stampNs('2024-05-01T10:00:00.5Z')).toBe(1_714_557_600_500_000_000n)
    expect(stampNs('2024-05-01T10:00:00.000000001Z')).toBe(1_714_557_600_000_000_001n)
    expect(stampNs('2024-05-01T12:00:00.25+02:00')).toBe(1_714_557_600_250_000_000n)
    expect(stampNs('yesterday')).toBeUndefined()
  })
})

describe('merging regions by time', () => {
  const one = parseTimestamped('RegionOne', '2024-05-01T10:00:01.000000000Z b1\n2024-05-01T10:00:03.5Z b3\ncontinued\n')
  const two = parseTimestamped('RegionTwo', '2024-05-01T10:00:00.9Z a0\n2024-05-01T10:00:02Z a2\n')

  it('orders every line by its time; a line without a time stays after the one before it', () => {
    const merged = mergeByTime([one, two])
    expect(merged.map((l) => `${l.region}:${l.text}`)).toEqual(['RegionTwo:a0', 'RegionOne:b1', 'RegionTwo:a2', 'RegionOne:b3', 'RegionOne:continued'])
  })

  it('prefixes the region padded as docker compose does, with the time only when asked', () => {
    const [first] = mergeByTime([one, two])
    expect(formatLine(first, {width: 9, timestamps: false})).toBe('RegionTwo | a0')
    expect(formatLine(one[0], {width: 10, timestamps: true})).toBe('RegionOne  | 2024-05-01T10:00:01.000000000Z b1')
  })
})

describe('LogFollower (--follow)', () => {
  it('asks from the second of the last line, and prints only the lines after it (same time, other text: printed)', () => {
    const f = new LogFollower()
    expect(f.since('R')).toBeUndefined()
    f.seen(parseTimestamped('R', '2024-05-01T10:00:01.2Z x\n2024-05-01T10:00:02.7Z y\n'))
    expect(f.since('R')).toBe('1714557602')
    const again = parseTimestamped('R', '2024-05-01T10:00:02.7Z y\n2024-05-01T10:00:02.7Z z\n2024-05-01T10:00:03Z w\n')
    const fresh = f.fresh(again)
    expect(fresh.map((l) => l.text)).toEqual(['z', 'w'])
    f.seen(fresh)
    expect(f.fresh(again)).toEqual([])
  })
})
