export * from './regions.js'
