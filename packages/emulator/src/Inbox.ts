/**
 * Where the codes Cognito would e-mail or text go instead: an in-memory list of messages
 * (newest last) that tests and people read through `GET /_emulator/inbox?username=U` or
 * `emulator.inbox(U)`. Each delivery is also logged as one readable line.
 *
 * @since 0.1.0
 */

/** What a message is for. Later features add their own purposes. @since 0.1.0 */
export type Purpose =
  | "SIGN_UP"
  | "RESEND_SIGN_UP"
  | "TEMPORARY_PASSWORD"
  | "CUSTOM_CHALLENGE"
  | "FORGOT_PASSWORD"
  | "RESET_PASSWORD"
  | "VERIFY_ATTRIBUTE"
  | (string & {})

/** One delivered message. @since 0.1.0 */
export interface Message {
  readonly userPoolId: string
  /** the canonical user name */
  readonly username: string
  readonly code: string
  readonly medium: "EMAIL" | "SMS"
  /** the real address or number (responses only ever show it masked) */
  readonly destination: string
  readonly purpose: Purpose
  readonly attributeName?: string
  /** ISO-8601, from the emulator's clock */
  readonly time: string
}

/** A message plus every name its user could be looked up by. @since 0.1.0 */
interface Entry {
  readonly message: Message
  readonly names: ReadonlyArray<string>
}

/** @since 0.1.0 */
export class Inbox {
  #entries: Array<Entry> = []
  readonly #capacity: number

  constructor(capacity = 10_000) {
    this.#capacity = capacity
  }

  /** Records a message; `names` are the user's sign-in names (user name, e-mail, phone, …). */
  deliver(message: Message, names: ReadonlyArray<string>): void {
    this.#entries.push({ message, names: names.map((name) => name.toLowerCase()) })
    if (this.#entries.length > this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity)
  }

  /** Messages for a user (any of their names, or the destination), oldest first. */
  messages(filter: { readonly username?: string; readonly userPoolId?: string; readonly purpose?: string } = {}): ReadonlyArray<Message> {
    const wanted = filter.username?.toLowerCase()
    return this.#entries
      .filter(
        ({ message, names }) =>
          (wanted === undefined || names.includes(wanted) || message.destination.toLowerCase() === wanted) &&
          (filter.userPoolId === undefined || message.userPoolId === filter.userPoolId) &&
          (filter.purpose === undefined || message.purpose === filter.purpose)
      )
      .map(({ message }) => message)
  }

  /** The newest message matching the filter. */
  latest(filter: { readonly username?: string; readonly userPoolId?: string; readonly purpose?: string } = {}): Message | undefined {
    return this.messages(filter).at(-1)
  }

  clear(): void {
    this.#entries = []
  }
}

/** The log line for a delivery. @since 0.1.0 */
export const describe = (message: Message): string =>
  `inbox: ${message.medium} to ${message.destination} for ${message.username} (${message.purpose}): ${message.code}`
