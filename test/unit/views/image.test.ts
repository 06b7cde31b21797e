// The image views (src/views/image.ts) against what the real `openstack` client printed for the same
// Glance bodies (test/fixtures/osc/glance, recorded by record.sh there).
import {readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {describe, expect, it} from 'vitest'

import type {Image} from '../../../src/clients/glance/images.js'

import {renderList, renderShow} from '../../../src/output/index.js'
import {formatSize, imageListView, imageProperties, imageShowView, progressLine} from '../../../src/views/image.js'

const FIX = resolve(import.meta.dirname, '../../fixtures/osc/glance')
const text = (f: string) => readFileSync(join(FIX, f), 'utf8')
const glance = (f: string) => JSON.parse(text(f)) as Image

describe('image views: byte for byte what openstack prints', () => {
  it('image create -f json: the POST response (queued: no size, checksum or hashes)', () => {
    const v = imageShowView(glance('image-create.api.json'))
    expect(renderShow(v.fields, v.values, 'json', {human: v.human})).toBe(text('image-create.json'))
  })

  it('image show in json, value and shell, after the upload', () => {
    const v = imageShowView(glance('image.api.json'))
    expect(renderShow(v.fields, v.values, 'json', {human: v.human})).toBe(text('image-show.json'))
    expect(renderShow(v.fields, v.values, 'value', {human: v.human})).toBe(text('image-show.value'))
    expect(renderShow(v.fields, v.values, 'shell', {human: v.human, prefix: ''})).toBe(text('image-show.shell'))
  })

  it('image show --human-readable', () => {
    const v = imageShowView(glance('image.api.json'), {humanReadable: true})
    expect(renderShow(v.fields, v.values, 'json', {human: v.human})).toBe(text('image-show-human-readable.json'))
  })

  it("after image set: openstacksdk's typed properties (hw_cpu_cores '2' → 2, hw_boot_menu 'false' → True) and its order", () => {
    const v = imageShowView(glance('image-set.api.json'))
    expect(renderShow(v.fields, v.values, 'json', {human: v.human})).toBe(text('image-show-after-set.json'))
    expect(renderShow(v.fields, v.values, 'value', {human: v.human})).toBe(text('image-show-after-set.value'))
  })

  it('image list and list --long -f json', () => {
    const items = [{region: 'RegionOne', item: glance('image-set.api.json')}]
    // the list fixtures were recorded before `image set`: only the tags differ, so compare with the show body
    const before = [{region: 'RegionOne', item: glance('image.api.json')}]
    const short = imageListView(before)
    expect(renderList(short.headers, short.rows, 'json', {})).toBe(text('image-list.json'))
    const long = imageListView(before, {long: true})
    expect(renderList(long.headers, long.rows, 'json', {human: long.human})).toBe(text('image-list-long.json'))
    expect(imageListView(items, {regionColumn: true}).headers).toEqual(['Region', 'ID', 'Name', 'Status'])
    expect(imageListView(items, {regionColumn: true}).rows[0][0]).toBe('RegionOne')
  })

  it('table cells: properties as k=\'v\' sorted, tags sorted and joined', () => {
    const v = imageShowView(glance('image-set.api.json'))
    const table = renderShow(v.fields, v.values, 'table', {human: v.human})
    expect(table).toMatch(/\| tags +\| t1, t2 +\|/)
    expect(table).toMatch(/\| properties +\| fixture='yes', hw_boot_menu='True', hw_cpu_cores='2', os_distro='cirros', os_hash_algo='sha512'/)
  })
})

describe('image views: details', () => {
  it("properties: the SDK's known attributes around the unknown ones, self and nulls dropped", () => {
    const props = imageProperties({
      ...glance('image.api.json'),
      zeta: 'z',
      architecture: 'x86_64',
      os_hidden: false,
      hw_video_ram: '1_024',
      hw_vif_multiqueue_enabled: '',
      kernel_id: null,
    } as Image)
    const keys = Object.keys(props ?? {})
    expect(keys[0]).toBe('os_hidden')
    expect(keys.indexOf('zeta')).toBeLessThan(keys.indexOf('architecture'))
    expect(keys).not.toContain('self')
    expect(keys).not.toContain('kernel_id')
    expect(props?.hw_video_ram).toBe(1024)
    expect(props?.hw_vif_multiqueue_enabled).toBe(false)
  })

  it("formatSize is osc-lib's format_size (powers of 1000, Python's %.1f rounding)", () => {
    expect(formatSize(0)).toBe('0')
    expect(formatSize(null)).toBe('0')
    expect(formatSize(999)).toBe('999')
    expect(formatSize(1000)).toBe('1K')
    expect(formatSize(10240)).toBe('10.2K')
    // 10.25 is exact in binary: Python rounds the tie to even
    expect(formatSize(10250)).toBe('10.2K')
    expect(formatSize(10350)).toBe('10.3K')
    expect(formatSize(268435456)).toBe('268.4M')
    expect(formatSize(1073741824)).toBe('1.1G')
  })

  it('progressLine shows the bar, percent, MiB and rate', () => {
    expect(progressLine(0, 100, 0, 10)).toBe('[          ]   0% 0.0/0.0 MiB 0.0 MiB/s')
    expect(progressLine(50 * 1048576, 100 * 1048576, 1000, 10)).toBe('[====>     ]  50% 50.0/100.0 MiB 50.0 MiB/s')
    expect(progressLine(100, 100, 1000, 10)).toBe('[=========>] 100% 0.0/0.0 MiB 0.0 MiB/s')
  })
})
