import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as StorageLease from "../../domain/src/StorageLease.ts"
const map = new Map<string, string>()
const storage = {
  getItem: (k: string) => Effect.sync(() => Option.fromNullable(map.get(k))),
  setItem: (k: string, v: string) => Effect.sync(() => { map.set(k, v) }),
  removeItem: (k: string) => Effect.sync(() => { map.delete(k) }),
  clear: Effect.sync(() => map.clear())
}
const program = Effect.gen(function* () {
  const lock = yield* StorageLease.make(storage as any)
  console.log("made")
  const r = yield* lock.withLock("x", Effect.sync(() => { console.log("inside", [...map]); return 1 }))
  console.log("done", r, [...map])
})
Effect.runPromise(program).then(() => console.log("ok"), (e) => console.log("err", e))
