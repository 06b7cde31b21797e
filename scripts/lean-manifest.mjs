#!/usr/bin/env node
// Rewrites oclif.manifest.json in its lean form (src/cli/lean-manifest.ts): each flag definition
// shared by several commands is kept once. Run by `npm run build` after `oclif manifest`.
import {readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const file = join(root, 'oclif.manifest.json')
const {leanManifest} = await import(pathToFileURL(join(root, 'dist/src/cli/main.js')).href)
const before = readFileSync(file, 'utf8')
// The bundle sorts command IDs by code unit instead of localeCompare (scripts/bundle.mjs): the same order?
const ids = Object.keys(JSON.parse(before).commands)
const byLocale = [...ids].sort((a, b) => a.localeCompare(b)).join()
if (byLocale !== [...ids].sort().join()) {
  console.error('lean-manifest: command IDs that code-unit order sorts unlike localeCompare: review PATCHES in scripts/bundle.mjs')
  process.exit(1)
}
const after = JSON.stringify(leanManifest(JSON.parse(before)))
writeFileSync(file, after)
console.log(`lean manifest: ${(before.length / 1024).toFixed(0)} KiB → ${(after.length / 1024).toFixed(0)} KiB`)
