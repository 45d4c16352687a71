/**
 * `--tls`: the certificate written by hand in DER must be what Node's own X.509 parser and TLS
 * stack accept, and an emulator started with it must serve its API and hosted UI over https.
 */
import { assert, describe, it } from "@effect/vitest"
import * as NodeCrypto from "node:crypto"
import * as NodeHttps from "node:https"
import * as SelfSignedCertificate from "../src/SelfSignedCertificate.js"
import * as Server from "../src/Server.js"

/** One https request trusting only `ca`. */
const get = (url: string, ca: string, init: { readonly method?: string; readonly headers?: Record<string, string>; readonly body?: string } = {}) =>
  new Promise<{ readonly status: number; readonly headers: Record<string, string | Array<string> | undefined>; readonly body: string }>((resolve, reject) => {
    const request = NodeHttps.request(url, { method: init.method ?? "GET", headers: init.headers ?? {}, ca }, (response) => {
      let body = ""
      response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")))
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
    })
    request.on("error", reject)
    request.end(init.body)
  })

describe("SelfSignedCertificate", () => {
  it("names the loopback addresses and the asked host, for a year, as its own trust anchor", () => {
    const now = new Date("2026-03-01T12:00:00Z")
    const { cert, key } = SelfSignedCertificate.generate(["auth.local.test", "0.0.0.0"], now)
    const x509 = new NodeCrypto.X509Certificate(cert)
    assert.strictEqual(x509.subject, "CN=Cognito emulator")
    assert.strictEqual(x509.issuer, "CN=Cognito emulator")
    assert.strictEqual(x509.subjectAltName, "DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:auth.local.test")
    assert.strictEqual(new Date(x509.validFrom).toISOString(), "2026-03-01T11:00:00.000Z")
    assert.strictEqual(new Date(x509.validTo).toISOString(), "2027-03-01T12:00:00.000Z")
    assert.isTrue(x509.ca)
    assert.deepStrictEqual(x509.keyUsage, ["1.3.6.1.5.5.7.3.1"])
    assert.isTrue(x509.verify(x509.publicKey))
    assert.isTrue(x509.checkPrivateKey(NodeCrypto.createPrivateKey(key)))
  })

  it("writes GeneralizedTime after 2049", () => {
    const x509 = new NodeCrypto.X509Certificate(SelfSignedCertificate.generate([], new Date("2049-12-31T00:00:00Z")).cert)
    assert.strictEqual(new Date(x509.validTo).getUTCFullYear(), 2050)
  })

  it("makes a fresh key and serial each time", () => {
    const a = new NodeCrypto.X509Certificate(SelfSignedCertificate.generate().cert)
    const b = new NodeCrypto.X509Certificate(SelfSignedCertificate.generate().cert)
    assert.notStrictEqual(a.serialNumber, b.serialNumber)
    assert.notStrictEqual(a.fingerprint256, b.fingerprint256)
  })

  it("serves the API and the hosted UI over https when started with tls", async () => {
    const running = await Server.start({ port: 0, tls: true })
    try {
      assert.isTrue(running.endpoint.startsWith("https://127.0.0.1:"))
      const ca = running.certificate!
      const health = await get(`${running.endpoint}/_emulator/health`, ca)
      assert.strictEqual(health.status, 200)
      const pool = await get(running.endpoint, ca, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.DescribeUserPool" },
        body: JSON.stringify({ UserPoolId: running.userPoolId })
      })
      assert.strictEqual(pool.status, 200)
      const authorize = await get(
        `${running.endpoint}/oauth2/authorize?client_id=${running.userPoolClientId}&response_type=code&redirect_uri=${encodeURIComponent("http://127.0.0.1:5173/")}`,
        ca
      )
      assert.strictEqual(authorize.status, 302)
      assert.isTrue(String(authorize.headers["location"]).startsWith("/login?"))
      // A client that does not trust the certificate is refused.
      const untrusted = await get(`${running.endpoint}/_emulator/health`, SelfSignedCertificate.generate().cert).then(() => "accepted", (error: Error) => error.message)
      assert.match(untrusted, /self.signed|unable to verify|certificate/i)
    } finally {
      await running.stop()
    }
  })
})
