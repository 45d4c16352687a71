/**
 * A self-signed TLS certificate for `--tls`, made at start with `node:crypto` alone: Node can
 * generate keys and parse certificates but not write them, so the X.509 structure (RFC 5280) is
 * written here in DER — a P-256 key, `CN=Cognito emulator`, valid from an hour ago for a year,
 * names `localhost`, `127.0.0.1` and `::1` (plus any host asked for), usable as its own trust
 * anchor (`ca` in Node, `NODE_EXTRA_CA_CERTS`, a browser's exception).
 *
 * It exists so that clients that insist on `https://` (the published Amplify rewrites every
 * hosted-UI URL to https) can talk to the emulator; it protects nothing.
 *
 * @since 0.1.0
 */
import * as NodeCrypto from "node:crypto"
import * as NodeNet from "node:net"

/** A certificate and its key, PEM-encoded. @since 0.1.0 */
export interface Certificate {
  readonly cert: string
  readonly key: string
}

// --- DER ------------------------------------------------------------------------------------

const length = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n])
  const bytes: Array<number> = []
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), length(content.length), content])

const sequence = (...items: ReadonlyArray<Buffer>) => tlv(0x30, Buffer.concat(items))
const set = (...items: ReadonlyArray<Buffer>) => tlv(0x31, Buffer.concat(items))
const explicit = (n: number, content: Buffer) => tlv(0xa0 + n, content)
const octetString = (content: Buffer) => tlv(0x04, content)
const bitString = (content: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), content]))
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, "utf8"))
const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0]))

/** A non-negative INTEGER from big-endian bytes (a leading zero keeps the sign bit clear). */
const integer = (bytes: Buffer): Buffer => {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const trimmed = bytes.subarray(start)
  return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed)
}

const oid = (dotted: string): Buffer => {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number)
  const bytes = [40 * first + second]
  for (const arc of rest) {
    const chunk: Array<number> = [arc & 0x7f]
    for (let value = arc >>> 7; value > 0; value >>>= 7) chunk.unshift((value & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
const time = (date: Date): Buffer => {
  const iso = date.toISOString().replace(/[-:T]/g, "").slice(0, 14)
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`))
}

// --- the certificate ------------------------------------------------------------------------

const ecdsaWithSha256 = sequence(oid("1.2.840.10045.4.3.2"))
const name = (commonName: string) => sequence(set(sequence(oid("2.5.4.3"), utf8(commonName))))

const ipBytes = (ip: string): Buffer => {
  if (NodeNet.isIPv4(ip)) return Buffer.from(ip.split(".").map(Number))
  const [head = "", tail = ""] = ip.split("::")
  const groups = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)))
  const left = groups(head)
  const right = groups(tail)
  const all = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill(0), ...right] : left
  return Buffer.from(all.flatMap((g: number) => [g >> 8, g & 0xff]))
}

const subjectAltName = (hosts: ReadonlyArray<string>) =>
  sequence(
    oid("2.5.29.17"),
    octetString(sequence(...hosts.map((host) => {
      const bare = host.replace(/^\[|\]$/g, "")
      return NodeNet.isIP(bare) === 0 ? tlv(0x82, Buffer.from(bare, "ascii")) : tlv(0x87, ipBytes(bare))
    })))
  )

/**
 * Makes a certificate for `hosts` (always with `localhost`, `127.0.0.1` and `::1`), valid for a
 * year from `now` (an hour earlier, for clocks that lag).
 * @since 0.1.0
 */
export const generate = (hosts: ReadonlyArray<string> = [], now: Date = new Date()): Certificate => {
  const { privateKey, publicKey } = NodeCrypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" })
  const names = [...new Set(["localhost", "127.0.0.1", "::1", ...hosts.filter((h) => h !== "" && h !== "0.0.0.0" && h !== "::")])]
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(NodeCrypto.randomBytes(16)),
    ecdsaWithSha256,
    name("Cognito emulator"),
    sequence(time(new Date(now.getTime() - 3_600_000)), time(new Date(now.getTime() + 365 * 86_400_000))),
    name("Cognito emulator"),
    publicKey.export({ type: "spki", format: "der" }),
    explicit(3, sequence(
      subjectAltName(names),
      sequence(oid("2.5.29.19"), boolean(true), octetString(sequence(boolean(true)))),
      // keyUsage: digitalSignature and keyCertSign (bits 0 and 5; the last two bits unused)
      sequence(oid("2.5.29.15"), boolean(true), octetString(tlv(0x03, Buffer.from([0x02, 0x84])))),
      sequence(oid("2.5.29.37"), octetString(sequence(oid("1.3.6.1.5.5.7.3.1"))))
    ))
  )
  const signature = NodeCrypto.sign("sha256", tbs, privateKey)
  const der = sequence(tbs, ecdsaWithSha256, bitString(signature))
  const base64 = der.toString("base64").replace(/.{64}/g, "$&\n").trimEnd()
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: "pkcs8", format: "pem" }).toString()
  }
}
