const collect = () => { for (let i = 0; i < 6; i++) globalThis.gc(); return process.memoryUsage().heapUsed }
const before = collect()
const m = await import("./bundle.mjs")
console.log("bundle import", ((collect() - before) / 1024 / 1024).toFixed(2), "MiB")
process.exit(0)
