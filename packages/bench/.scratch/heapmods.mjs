const collect = () => { for (let i = 0; i < 6; i++) globalThis.gc(); return process.memoryUsage().heapUsed }
const before = collect()
for (const m of process.argv.slice(2)) await import(m)
console.log(process.argv.slice(2).join(" "), ((collect() - before) / 1024 / 1024).toFixed(2), "MiB")
process.exit(0)
