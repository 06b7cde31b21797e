// The stand-in scripts/bundle.mjs puts in the bundle for a package @oclif/core requires as it
// loads but mrctl rarely uses: CommonJS that requires the real package from node_modules, the way
// @oclif/core would, the first time the package is called or one of its exports is read.

/** The stand-in's source for package `name`. */
export function lazyRequireSource(name) {
  return `let real
const load = () => (real ??= require('node:module').createRequire(require.resolve('@oclif/core/package.json'))(${JSON.stringify(name)}))
// A function, for the packages that are one (wordwrap): an arrow has no own key that must stay.
module.exports = new Proxy(() => undefined, {
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  // Not an ES module: __importDefault wraps it without loading it.
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), key)
    return d && {...d, configurable: true}
  },
})
`
}
