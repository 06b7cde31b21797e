import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {type ExecContext, runCommand} from '../../../../src/sim/zun/backend/exec.js'
import {quoteCommand, shlexSplit} from '../../../../src/sim/zun/backend/shlex.js'
import {createTar, readTar} from '../../../../src/sim/zun/backend/tar.js'
import {firstError, type Harness, oscBody, SETTLE, startHarness} from './helpers.js'

const ctx: ExecContext = {
  hostname: 'web1',
  environment: {FOO: 'bar'},
  workdir: '/srv',
  interfaces: [{addr: '10.0.60.62', version: 4, prefixLen: 24, mac: 'fa:16:3e:00:00:01'}],
  files: new Map([['/srv/a.txt', Buffer.from('hello file\n')]]),
}

describe('exec.ts: the emulated commands', () => {
  it('echo, hostname, cat, env, true/false, pwd', () => {
    expect(runCommand(['echo', 'a', 'b'], ctx)).toMatchObject({output: 'a b\n', exitCode: 0, supported: true})
    expect(runCommand(['/bin/echo', '-n', 'x'], ctx).output).toBe('x')
    expect(runCommand(['hostname'], ctx).output).toBe('web1\n')
    expect(runCommand(['cat', '/etc/hostname'], ctx).output).toBe('web1\n')
    expect(runCommand(['cat', 'a.txt'], ctx).output).toBe('hello file\n')
    expect(runCommand(['cat', '/nope'], ctx)).toMatchObject({exitCode: 1, output: "cat: can't open '/nope': No such file or directory\n"})
    expect(runCommand(['env'], ctx).output).toBe(
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=web1\nFOO=bar\nHOME=/root\n',
    )
    expect(runCommand(['true'], ctx).exitCode).toBe(0)
    expect(runCommand(['false'], ctx).exitCode).toBe(1)
    expect(runCommand(['pwd'], ctx).output).toBe('/srv\n')
  })

  it('ip -4 addr shows lo and the port address', () => {
    const out = runCommand(['ip', '-4', 'addr'], ctx).output
    expect(out).toContain('inet 127.0.0.1/8 scope host lo')
    expect(out).toContain('inet 10.0.60.62/24 brd 10.0.60.255 scope global eth0')
    expect(out).not.toContain('inet6')
    expect(runCommand(['ip', 'a'], ctx).output).toContain('link/ether fa:16:3e:00:00:01')
  })

  it('sh -c runs ;, && and || lists with $VAR and $? expansion, and sleep adds time', () => {
    expect(runCommand(['sh', '-c', 'echo hello; sleep 1000000'], ctx)).toMatchObject({output: 'hello\n', durationSec: 1_000_000})
    expect(runCommand(['sh', '-c', 'false && echo no || echo yes'], ctx).output).toBe('yes\n')
    expect(runCommand(['sh', '-c', 'false; echo $?'], ctx).output).toBe('1\n')
    expect(runCommand(['sh', '-c', 'echo "$FOO-${HOSTNAME}" \'$FOO\''], ctx).output).toBe('bar-web1 $FOO\n')
    expect(runCommand(['sh', '-c', 'echo a; exit 3; echo b'], ctx)).toMatchObject({output: 'a\n', exitCode: 3})
    expect(runCommand(['sh', '-c', 'frobnicate'], ctx)).toMatchObject({exitCode: 127, output: 'sh: frobnicate: not found\n'})
    expect(runCommand(['sh', '-c', 'echo err >&2; echo gone > /dev/null; cat /nope 2>/dev/null'], ctx).segments).toEqual([
      {atSec: 0, text: 'err\n', stream: 'stderr'},
    ])
    const timed = runCommand(['sh', '-c', 'sleep 5; echo done'], ctx)
    expect(timed.segments).toEqual([{atSec: 5, text: 'done\n', stream: 'stdout'}])
    expect(runCommand(['sleep', 'infinity'], ctx).durationSec).toBe(Infinity)
  })

  it('reports other commands as not emulated, with exit code 127', () => {
    const r = runCommand(['ls', '-l', '/'], ctx)
    expect(r).toMatchObject({supported: false, exitCode: 127})
    expect(r.output).toMatch(/^zun emulator: "ls -l \/" is not an emulated command; supported: echo, hostname/)
  })
})

describe('shlex and tar helpers', () => {
  it('splits like Python shlex and round-trips zunclient quoting', () => {
    expect(shlexSplit('"ls" "-l" "/"')).toEqual(['ls', '-l', '/'])
    expect(shlexSplit(`sh -c 'echo a  b' x\\ y "q\\"uote"`)).toEqual(['sh', '-c', 'echo a  b', 'x y', 'q"uote'])
    expect(quoteCommand(['sh', '-c', 'echo hello'])).toBe('"sh" "-c" "echo hello"')
    expect(shlexSplit(quoteCommand(['a b', 'c"d']))).toEqual(['a b', 'c"d'])
    expect(() => shlexSplit('"open')).toThrow('No closing quotation')
  })

  it('writes and reads a ustar archive', () => {
    const tar = createTar([{name: 'f.txt', data: Buffer.from('abc'), mode: 0o644, mtime: 1_700_000_000}])
    expect(tar.length % 512).toBe(0)
    expect(readTar(tar)).toEqual([{name: 'f.txt', data: Buffer.from('abc'), mode: 0o644, mtime: 1_700_000_000}])
  })
})

describe('execute, logs, attach, top, stats, archives over HTTP (zun-api.md §3.6–§3.10, §5)', () => {
  let h: Harness
  let uuid: string
  beforeEach(async () => {
    h = await startHarness()
    const r = await h.call('POST', '/v1/containers?run=true', {
      body: oscBody({name: 'web', hostname: 'web1', environment: {A: '1'}, command: ['/bin/sh', '-c', 'echo hello; echo oops >&2; sleep 1000000']}),
    })
    uuid = r.json.uuid
    h.advance(SETTLE)
  })
  afterEach(async () => {
    expect(h.unexpected).toEqual([])
    await h.close()
  })

  it('runs the quoted command from the query and returns output and exit code', async () => {
    const r = await h.call('POST', `/v1/containers/web/execute?command=%22sh%22+%22-c%22+%22echo+a+b%22`, {headers: {'Content-Length': '0'}})
    expect(r.status).toBe(200)
    expect(r.json).toEqual({output: 'a b\n', exit_code: 0, exec_id: null, proxy_url: null})
    expect((await h.call('POST', '/v1/containers/web/execute?command=%22false%22')).json.exit_code).toBe(1)
    expect((await h.call('POST', '/v1/containers/web/execute?command=%22hostname%22')).json.output).toBe('web1\n')
    const ip = await h.call('POST', `/v1/containers/web/execute?command=${encodeURIComponent('"ip" "-4" "addr"')}`)
    expect(ip.json.output).toContain('inet 10.0.60.2/24')
    const ls = await h.call('POST', '/v1/containers/web/execute?command=%22ls%22+%22-l%22+%22%2F%22')
    expect(ls.json.exit_code).toBe(127)
  })

  it("accepts tempest's JSON body {command}; the query schema first, the status next, the command last", async () => {
    const r = await h.call('POST', `/v1/containers/${uuid}/execute`, {body: {command: 'echo hello'}})
    expect(r.status).toBe(200)
    expect(r.json.output).toContain('hello')
    const bad = await h.call('POST', `/v1/containers/${uuid}/execute?command=true&run=maybe`)
    expect(firstError(bad).code).toBe('container.schema-validation-error')
    expect(firstError(bad).detail).toMatch(/^Invalid input for query parameters 'run'\. Value: 'maybe'\. 'maybe' is not one of \[True, 'True', 'true', False, 'False', 'false'\]\n\n/)
    // Zun reads kwargs['command'] unchecked: without one a Running container gives an unhandled KeyError (500)…
    const missing = await h.call('POST', `/v1/containers/${uuid}/execute`, {body: {}})
    expect(missing.status).toBe(500)
    expect(firstError(missing).detail).toMatch(/^Your request could not be handled because of a problem in the server\./)
    // …and a container in another status is refused (409) before the command is even looked at.
    const stopped = await h.call('POST', `/v1/containers/${uuid}/stop`)
    expect(stopped.status).toBe(202)
    h.advance(SETTLE)
    const notRunning = await h.call('POST', `/v1/containers/${uuid}/execute`, {body: {}})
    expect(notRunning.status).toBe(409)
    expect(firstError(notRunning).detail).toBe(`Cannot execute container ${uuid} in Stopped state`)
  })

  it('gives an exec id and a websocket URL for interactive exec, and resizes it', async () => {
    const r = await h.call('POST', '/v1/containers/web/execute?command=%22%2Fbin%2Fsh%22&interactive=True&run=False')
    expect(r.status).toBe(200)
    expect(r.json.output).toBeNull()
    expect(r.json.exit_code).toBeNull()
    expect(r.json.exec_id).toMatch(/^[0-9a-f]{64}$/)
    expect(r.json.proxy_url).toMatch(new RegExp(`^${h.server.wsUrl.replace(/\./g, '\\.')}\\?token=[0-9a-f-]{36}&uuid=${uuid}&exec_id=${r.json.exec_id}$`))
    const resize = await h.call('POST', `/v1/containers/web/execute_resize?exec_id=${r.json.exec_id}&w=80&h=24`)
    expect(resize.status).toBe(200)
    expect(resize.text).toBe('null')
    const unknown = await h.call('POST', `/v1/containers/web/execute_resize?exec_id=${'a'.repeat(64)}&w=80&h=24`)
    expect(firstError(unknown).detail).toBe('no such exec instance')
    expect((await h.call('POST', '/v1/containers/web/execute_resize?exec_id=xyz&w=80&h=24')).status).toBe(400)
  })

  it('returns the logs as a JSON string, honouring stdout/stderr/timestamps/tail/since', async () => {
    const all = await h.call('GET', '/v1/containers/web/logs?stdout=True&stderr=True&timestamps=False&tail=all')
    expect(all.status).toBe(200)
    expect(all.json).toBe('hello\noops\n')
    expect((await h.call('GET', '/v1/containers/web/logs?stdout=False&stderr=True&timestamps=False&tail=all')).json).toBe('oops\n')
    const stamped = await h.call('GET', '/v1/containers/web/logs?stdout=True&stderr=False&timestamps=True&tail=10')
    expect(stamped.json).toMatch(/^2026-11-23T05:26:47\.008000000Z hello\n$/)
    expect((await h.call('GET', '/v1/containers/web/logs?stdout=True&stderr=True&timestamps=False&tail=1')).json).toBe('oops\n')
    expect((await h.call('GET', '/v1/containers/web/logs?stdout=True&stderr=False&since=1900000000&timestamps=True&tail=10')).json).toBe('')
    expect((await h.call('GET', '/v1/containers/web/logs?since=yesterday')).status).toBe(400)
    expect((await h.call('GET', '/v1/containers/web/logs')).json).toContain('hello')
  })

  it('attaches only an interactive Running container', async () => {
    const r = await h.call('GET', `/v1/containers/${uuid}/attach`)
    expect(r.status).toBe(400)
    expect(firstError(r)).toMatchObject({
      code: 'container.no-interactive-flag',
      detail: "Container doesn't support to be attached, please check the interactive set properly",
    })
    const it2 = await h.container({name: 'tty', interactive: true}, {run: true})
    const ok = await h.call('GET', `/v1/containers/${it2.uuid}/attach`)
    expect(ok.status).toBe(200)
    expect(ok.json).toMatch(new RegExp(`^${h.server.wsUrl.replace(/\./g, '\\.')}\\?token=[0-9a-f-]{36}&uuid=${it2.uuid}$`))
    expect((await h.call('POST', `/v1/containers/${it2.uuid}/resize?w=80&h=24`)).status).toBe(200)
    expect((await h.call('POST', `/v1/containers/${it2.uuid}/resize?w=0&h=24`)).status).toBe(400)
  })

  it('answers top with Titles/Processes holding the command, and stats with the documented keys', async () => {
    const top = await h.call('GET', '/v1/containers/web/top?ps_args=None')
    expect(top.json.Titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'])
    expect(JSON.stringify(top.json.Processes)).toContain('sleep 1000000')
    expect((await h.call('GET', '/v1/containers/web/top?ps_args=aux+ef')).json.Titles[0]).toBe('USER')
    const stats = await h.call('GET', '/v1/containers/web/stats')
    expect(Object.keys(stats.json).sort()).toEqual(
      ['BLOCK I/O(B)', 'CONTAINER', 'CPU %', 'MEM %', 'MEM LIMIT(MiB)', 'MEM USAGE(MiB)', 'NET I/O(B)'].sort(),
    )
    expect(stats.json).toMatchObject({CONTAINER: 'web', 'MEM LIMIT(MiB)': 512})
  })

  it('round-trips a file through put_archive and get_archive (base64 from 1.25), visible to cat', async () => {
    const tar = createTar([{name: 'f.txt', data: Buffer.from('payload\n'), mode: 0o644, mtime: 1_700_000_000}])
    const put = await h.call('POST', '/v1/containers/web/put_archive?path=%2Fetc', {body: {data: tar.toString('base64')}})
    expect(put.status).toBe(200)
    expect(put.text).toBe('null')
    const get = await h.call('GET', '/v1/containers/web/get_archive?path=%2Fetc%2Ff.txt')
    expect(get.status).toBe(200)
    expect(get.json.stat).toMatchObject({name: 'f.txt', size: 8, linkTarget: ''})
    expect(readTar(Buffer.from(get.json.data, 'base64'))[0]).toMatchObject({name: 'f.txt', data: Buffer.from('payload\n')})
    const cat = await h.call('POST', `/v1/containers/web/execute?command=${encodeURIComponent('"cat" "/etc/f.txt"')}`)
    expect(cat.json.output).toBe('payload\n')
    const old = await h.call('GET', '/v1/containers/web/get_archive?path=%2Fetc%2Ff.txt', {version: '1.24'})
    expect(readTar(Buffer.from(old.json.data, 'latin1'))[0].data.toString()).toBe('payload\n')
    const missing = await h.call('GET', '/v1/containers/web/get_archive?path=%2Fnope')
    expect(missing.status).toBe(500)
    expect(firstError(missing).title).toBe('Internal Server Error')
  })

  it('injects a bind-mounted file (base64 source) that cat can read', async () => {
    const body = oscBody({name: 'inj', mounts: [{type: 'bind', source: Buffer.from('secret\n').toString('base64'), destination: '/etc/app.conf'}]})
    const r = await h.call('POST', '/v1/containers?run=true', {body})
    expect(r.status).toBe(202)
    h.advance(SETTLE)
    const cat = await h.call('POST', `/v1/containers/inj/execute?command=${encodeURIComponent('"cat" "/etc/app.conf"')}`)
    expect(cat.json.output).toBe('secret\n')
    const vol = await h.call('POST', '/v1/containers', {body: oscBody({mounts: [{source: 'myvol', destination: '/data'}]})})
    expect(firstError(vol)).toMatchObject({code: 'container.volume-not-found', status: 404})
    const old = await h.call('POST', '/v1/containers', {version: '1.10', body: {image: 'cirros', mounts: [{source: 'myvol', destination: '/data'}]}})
    expect(firstError(old).code).toBe('container.invalid-param-in-version')
  })
})
