const collect = () => { for (let i = 0; i < 6; i++) globalThis.gc(); return process.memoryUsage().heapUsed }
const what = process.argv[2]
const before = collect()
const kept = []
if (what === "effect") { kept.push(await import("effect/Effect"), await import("effect/Schema"), await import("effect/Layer"), await import("effect/ManagedRuntime")) }
if (what === "domain-signin") { kept.push(await import("@cognito-effect/domain/steps/signIn")) }
if (what === "adapters") { kept.push(await import("@cognito-effect/adapters/Layers")) }
if (what === "auth") { kept.push(await import("@cognito-effect/auth")) }
if (what === "amplify") { kept.push(await import("aws-amplify"), await import("aws-amplify/auth")) }
if (what === "platform") { kept.push(await import("@effect/platform/KeyValueStore")) }
console.log(what, ((collect() - before) / 1024 / 1024).toFixed(2), "MiB")
process.exit(0)
