/**
 * The subset of CBOR (RFC 8949) that WebAuthn uses: unsigned and negative integers, byte and text
 * strings, arrays, maps, `true` / `false` / `null` / `undefined`, all with definite lengths.
 * Attestation objects and COSE keys are encoded this way (CTAP2's canonical form), so the
 * decoder refuses indefinite lengths, tags and floats rather than guessing.
 *
 * Maps decode to `Map`s because COSE keys are integers (`1`, `3`, `-1`, …). The encoder writes
 * map entries in insertion order; callers that need CTAP2's canonical order insert keys in it.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Either from "effect/Either"

/** A decoded CBOR item. @since 0.1.0 @category models */
export type Value =
  | number
  | bigint
  | string
  | Uint8Array
  | boolean
  | null
  | undefined
  | ReadonlyArray<Value>
  | ReadonlyMap<Value, Value>

/** Bytes that are not CBOR of the supported subset. @since 0.1.0 @category errors */
export class CborError extends Data.TaggedError("CborError")<{
  readonly message: string
  /** where in the input decoding stopped */
  readonly offset: number
}> {}

/** How deep arrays and maps may nest (attestation objects need 3). */
const maxDepth = 16

class Reader {
  offset: number
  constructor(readonly bytes: Uint8Array, offset: number) {
    this.offset = offset
  }

  fail(message: string): never {
    throw new CborError({ message, offset: this.offset })
  }

  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) this.fail("unexpected end of input")
    const slice = this.bytes.subarray(this.offset, this.offset + length)
    this.offset += length
    return slice
  }

  /** The argument of a head: the count, length or value that follows the major type. */
  argument(info: number): number | bigint {
    if (info < 24) return info
    const view = (length: number) => {
      const slice = this.take(length)
      return new DataView(slice.buffer, slice.byteOffset, slice.byteLength)
    }
    switch (info) {
      case 24:
        return view(1).getUint8(0)
      case 25:
        return view(2).getUint16(0)
      case 26:
        return view(4).getUint32(0)
      case 27: {
        const value = view(8).getBigUint64(0)
        return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
      }
      case 31:
        return this.fail("indefinite lengths are not supported")
      default:
        return this.fail(`reserved additional information ${info}`)
    }
  }

  length(info: number): number {
    const value = this.argument(info)
    if (typeof value === "bigint" || value > this.bytes.length - this.offset) this.fail("length beyond the end of input")
    return value as number
  }

  item(depth: number): Value {
    if (depth > maxDepth) this.fail("nested too deeply")
    const head = this.take(1)[0]!
    const major = head >> 5
    const info = head & 0x1f
    switch (major) {
      case 0:
        return this.argument(info)
      case 1: {
        const value = this.argument(info)
        return typeof value === "bigint" ? -1n - value : -1 - value
      }
      case 2:
        return this.take(this.length(info)).slice()
      case 3: {
        const bytes = this.take(this.length(info))
        try {
          return new TextDecoder("utf-8", { fatal: true }).decode(bytes)
        } catch {
          return this.fail("text string is not UTF-8")
        }
      }
      case 4: {
        const count = this.length(info)
        const items: Array<Value> = []
        for (let i = 0; i < count; i++) items.push(this.item(depth + 1))
        return items
      }
      case 5: {
        const count = this.length(info)
        const map = new Map<Value, Value>()
        for (let i = 0; i < count; i++) {
          const key = this.item(depth + 1)
          if (typeof key !== "number" && typeof key !== "string" && typeof key !== "bigint") this.fail("map keys must be integers or text")
          if (map.has(key)) this.fail(`duplicate map key ${String(key)}`)
          map.set(key, this.item(depth + 1))
        }
        return map
      }
      case 6:
        return this.fail("tags are not supported")
      default:
        switch (info) {
          case 20:
            return false
          case 21:
            return true
          case 22:
            return null
          case 23:
            return undefined
          default:
            return this.fail(`unsupported simple value or float (${info})`)
        }
    }
  }
}

/**
 * Decodes the item that starts at `offset` and says where it ends (authenticator data carries a
 * COSE key followed by more bytes).
 * @since 0.1.0
 * @category decoding
 */
export const decodeFirst = (bytes: Uint8Array, offset = 0): Either.Either<{ readonly value: Value; readonly end: number }, CborError> => {
  const reader = new Reader(bytes, offset)
  try {
    const value = reader.item(0)
    return Either.right({ value, end: reader.offset })
  } catch (error) {
    if (error instanceof CborError) return Either.left(error)
    throw error
  }
}

/**
 * Decodes exactly one item; trailing bytes are an error.
 * @since 0.1.0
 * @category decoding
 */
export const decode = (bytes: Uint8Array): Either.Either<Value, CborError> =>
  Either.flatMap(decodeFirst(bytes), ({ value, end }) =>
    end === bytes.length ? Either.right(value) : Either.left(new CborError({ message: "trailing bytes after the item", offset: end }))
  )

const head = (major: number, argument: number | bigint): Array<number> => {
  const value = BigInt(argument)
  const top = major << 5
  if (value < 24n) return [top | Number(value)]
  if (value < 0x100n) return [top | 24, Number(value)]
  if (value < 0x10000n) return [top | 25, Number(value >> 8n), Number(value & 0xffn)]
  if (value < 0x100000000n) return [top | 26, ...[24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn))]
  return [top | 27, ...[56n, 48n, 40n, 32n, 24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn))]
}

const write = (value: Value, out: Array<number>): void => {
  if (typeof value === "number" || typeof value === "bigint") {
    if (typeof value === "number" && !Number.isSafeInteger(value)) throw new RangeError(`CBOR: ${value} is not a safe integer`)
    const big = BigInt(value)
    out.push(...(big >= 0n ? head(0, big) : head(1, -1n - big)))
  } else if (typeof value === "string") {
    const bytes = new TextEncoder().encode(value)
    out.push(...head(3, bytes.length), ...bytes)
  } else if (value instanceof Uint8Array) {
    out.push(...head(2, value.length), ...value)
  } else if (value === false) {
    out.push(0xf4)
  } else if (value === true) {
    out.push(0xf5)
  } else if (value === null) {
    out.push(0xf6)
  } else if (value === undefined) {
    out.push(0xf7)
  } else if (Array.isArray(value)) {
    out.push(...head(4, value.length))
    for (const item of value) write(item, out)
  } else {
    const map = value as ReadonlyMap<Value, Value>
    out.push(...head(5, map.size))
    for (const [key, item] of map) {
      write(key, out)
      write(item, out)
    }
  }
}

/**
 * Encodes a value with the shortest heads, maps in insertion order.
 * @since 0.1.0
 * @category encoding
 */
export const encode = (value: Value): Uint8Array => {
  const out: Array<number> = []
  write(value, out)
  return Uint8Array.from(out)
}

/** The entry of a decoded map, if the value is a map. @since 0.1.0 @category reading */
export const get = (value: Value, key: number | string): Value =>
  value instanceof Map ? (value as ReadonlyMap<Value, Value>).get(key) : undefined
