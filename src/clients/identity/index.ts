export * from './regions.js'
export * from './projects.js'
