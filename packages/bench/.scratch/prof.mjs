import { createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { start } from "@cognito-effect/emulator/Server"
const emulator = await start()
const call = async (op, body) => { const r = await fetch(emulator.endpoint, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${op}` }, body: JSON.stringify(body) }); if (!r.ok) throw new Error(await r.text()); return r.json() }
await call("AdminCreateUser", { UserPoolId: emulator.userPoolId, Username: "p@example.com", MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: "p@example.com" }] })
await call("AdminSetUserPassword", { UserPoolId: emulator.userPoolId, Username: "p@example.com", Password: "Bench-Passw0rd!1", Permanent: true })
const auth = createAuth({ Auth: { Cognito: { userPoolId: emulator.userPoolId, userPoolClientId: emulator.userPoolClientId, userPoolEndpoint: emulator.endpoint } } }, { storage: new InMemoryStorage(), signInStorage: new InMemoryStorage() })
await auth.signIn({ username: "p@example.com", password: "Bench-Passw0rd!1" })
for (let i = 0; i < 500; i++) await auth.fetchAuthSession()
const t0 = performance.now()
const n = Number(process.argv[2] ?? 3000)
for (let i = 0; i < n; i++) await auth.fetchAuthSession()
const dt = performance.now() - t0
console.log(`${(n / dt * 1000).toFixed(0)} calls/s, ${(dt / n * 1000).toFixed(1)} µs/call`)
await auth.dispose(); await emulator.stop(); process.exit(0)
