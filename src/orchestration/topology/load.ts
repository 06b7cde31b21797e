import type {Document} from 'yaml'
import type {SchemaIssue, TopologyDoc} from './schema.js'

import {readFile, stat} from 'node:fs/promises'
import {basename, dirname, extname, isAbsolute, resolve} from 'node:path'
import {isMap, isPair, isScalar, LineCounter, parseDocument} from 'yaml'

import {MrctlError} from '../../core/errors.js'
import {ExitCode} from '../../core/exit-codes.js'
import {checkReferences} from './references.js'
import {schemaIssues} from './schema.js'

/** A topology file, checked: the schema, the references between its resources, and the regions. */
export interface Topology {
  /** The ownership mark's value: `mrctl.topology=<name>`. */
  name: string
  /** Absolute path of the file (image files are relative to its folder). */
  file: string
  doc: TopologyDoc
  /** The region of the central Neutron and Tricircle: the central pod's, else the networks'. */
  central?: string
}

export interface LocatedIssue extends SchemaIssue {
  line: number
  col: number
}

/** Every problem of a topology file at once, each with file:line:col and the field. Exit 2. */
export class TopologyFileError extends MrctlError {
  constructor(
    readonly file: string,
    readonly issues: LocatedIssue[],
  ) {
    const lines = issues.map((i) => `  ${file}:${i.line}:${i.col}: ${fieldName(i.path)}${i.path.length ? ' ' : ''}${i.message}`)
    super(`${file}: ${issues.length === 1 ? 'a problem' : `${issues.length} problems`}; nothing was sent to a cloud\n${lines.join('\n')}`, {
      exitCode: ExitCode.Usage,
      code: 'TopologyInvalid',
      data: {file, issues},
    })
  }
}

/** `containers[0].image` */
export function fieldName(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}

export interface LoadOptions {
  /** The profile's regions (its `regions:` list); when given, every region must be one of them. */
  regions?: string[]
}

/** Parses and checks a topology file's text (no file system access but for the name). */
export function parseTopology(text: string, file: string, opts: LoadOptions = {}): Topology {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter, uniqueKeys: true, prettyErrors: false})
  const at = (offset: number) => lineCounter.linePos(offset)
  if (doc.errors.length) {
    throw new TopologyFileError(
      file,
      doc.errors.map((e) => ({path: [], message: `YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, ...at(e.pos[0])})),
    )
  }
  const locate = (issues: SchemaIssue[]): LocatedIssue[] => issues.map((i) => ({...i, ...at(offsetOf(doc, i.path))}))
  const parsed = schemaIssues(doc.toJS() ?? {})
  if (!parsed.ok) throw new TopologyFileError(file, locate(parsed.issues))
  const central = centralRegion(parsed.value)
  const problems = checkReferences(parsed.value, {regions: opts.regions, central})
  if (problems.length) throw new TopologyFileError(file, locate(problems))
  return {name: parsed.value.name ?? defaultName(file), file: resolve(file), doc: parsed.value, central}
}

/** Reads, parses and checks a topology file, including that each image file can be read. */
export async function loadTopology(file: string, opts: LoadOptions = {}): Promise<Topology> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    throw new MrctlError(`${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message}`, {
      exitCode: ExitCode.Usage,
      actions: ['give the topology file with -f FILE (see examples/two-region-containers.yaml)'],
    })
  }
  const topo = parseTopology(text, file, opts)
  const missing: SchemaIssue[] = []
  for (const [i, image] of topo.doc.images.entries()) {
    if (image.file === undefined) continue
    const path = imagePath(topo, image.file)
    try {
      const st = await stat(path)
      if (!st.isFile()) missing.push({path: ['images', i, 'file'], message: `${path} is not a regular file`})
    } catch {
      missing.push({path: ['images', i, 'file'], message: `${path}: no such file`})
    }
  }
  if (missing.length) {
    const lineCounter = new LineCounter()
    const doc = parseDocument(text, {lineCounter})
    throw new TopologyFileError(file, missing.map((m) => ({...m, ...lineCounter.linePos(offsetOf(doc, m.path))})))
  }
  return topo
}

/** An image's `file:` relative to the topology file. */
export function imagePath(topo: Pick<Topology, 'file'>, file: string): string {
  return isAbsolute(file) ? file : resolve(dirname(topo.file), file)
}

function defaultName(file: string): string {
  return basename(file, extname(file)).replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63) || 'topology'
}

/** The central region: the pod without availability zone, else the (single) region of the networks. */
export function centralRegion(doc: TopologyDoc): string | undefined {
  const top = doc.pods.find((p) => p.availability_zone === undefined)
  if (top) return top.region
  return doc.networks.find((n) => n.region)?.region
}

/**
 * The source offset of the node at `path`: the value if it exists, the key of an unknown field,
 * else the nearest existing parent (a missing field is reported where its mapping starts).
 */
function offsetOf(doc: Document, path: Array<string | number>): number {
  for (let n = path.length; n >= 0; n--) {
    const parentPath = path.slice(0, Math.max(0, n - 1))
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      // For a scalar value, point at its key when the value is the field itself.
      const parent = n > 0 ? doc.getIn(parentPath, true) : undefined
      if (isMap(parent) && n > 0) {
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[n - 1])
        if (pair && isScalar(pair.key) && pair.key.range && !isScalar(node)) return pair.key.range[0]
      }
      return node.range[0]
    }
    if (n > 0) {
      const parent = n === 1 ? doc.contents : doc.getIn(parentPath, true)
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[n - 1])
        if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0]
      }
    }
  }
  return 0
}
