/**
 * Groups, the source of the `cognito:groups` claim: CreateGroup, AdminAddUserToGroup,
 * AdminRemoveUserFromGroup. No client uses them, so their codecs live here.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Operation from "@cognito-effect/domain/wire/Operation"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Handler from "../Handler.js"
import type * as Store from "../Store.js"
import * as Users from "../Users.js"
import { poolState } from "./UserPools.js"

/** `GroupType`. @since 0.1.0 */
export const GroupType = Schema.Struct({
  GroupName: Schema.String,
  UserPoolId: Schema.String,
  Description: Schema.optional(Schema.String),
  RoleArn: Schema.optional(Schema.String),
  Precedence: Schema.optional(Schema.Number),
  CreationDate: Shapes.EpochSeconds,
  LastModifiedDate: Shapes.EpochSeconds
})

/** @since 0.1.0 */
export const CreateGroupOperation = Operation.userPool(
  "CreateGroup",
  Schema.Struct({
    GroupName: Schema.String,
    UserPoolId: Schema.String,
    Description: Schema.optional(Schema.String),
    RoleArn: Schema.optional(Schema.String),
    Precedence: Schema.optional(Schema.Number)
  }),
  Schema.Struct({ Group: GroupType })
)

const Membership = Schema.Struct({ UserPoolId: Schema.String, Username: Schema.String, GroupName: Schema.String })

/** @since 0.1.0 */
export const AdminAddUserToGroupOperation = Operation.userPool("AdminAddUserToGroup", Membership, Shapes.Empty)

/** @since 0.1.0 */
export const AdminRemoveUserFromGroupOperation = Operation.userPool("AdminRemoveUserFromGroup", Membership, Shapes.Empty)

/** Creates a group (seeding uses it too). @since 0.1.0 */
export const createGroup = (state: Store.PoolState, input: { readonly name: string; readonly description?: string | undefined; readonly precedence?: number | undefined; readonly roleArn?: string | undefined }) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    if (!/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(input.name)) {
      return yield* Effect.fail(CognitoException.invalidParameter("GroupName must match [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+ (1-128 characters)."))
    }
    if (state.groups.has(input.name)) {
      return yield* Effect.fail(CognitoException.make("GroupExistsException", "A group with the name already exists."))
    }
    const now = yield* Clock.currentTimeMillis
    const group: Store.Group = {
      name: input.name,
      createdAt: now,
      modifiedAt: now,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.precedence !== undefined ? { precedence: input.precedence } : {}),
      ...(input.roleArn !== undefined ? { roleArn: input.roleArn } : {})
    }
    backend.store.putGroup(state, group)
    return group
  })

/** @since 0.1.0 */
export const createGroupHandler = Handler.make(
  CreateGroupOperation,
  Effect.fn("CreateGroup")(function* (request) {
    const state = yield* poolState(request.UserPoolId)
    const group = yield* createGroup(state, {
      name: request.GroupName,
      description: request.Description,
      precedence: request.Precedence,
      roleArn: request.RoleArn
    })
    return {
      Group: {
        GroupName: group.name,
        UserPoolId: state.pool.id,
        ...(group.description !== undefined ? { Description: group.description } : {}),
        ...(group.roleArn !== undefined ? { RoleArn: group.roleArn } : {}),
        ...(group.precedence !== undefined ? { Precedence: group.precedence } : {}),
        CreationDate: new Date(group.createdAt),
        LastModifiedDate: new Date(group.modifiedAt)
      }
    }
  })
)

const membership = (request: typeof Membership.Type, change: (groups: ReadonlyArray<string>) => ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    if (!state.groups.has(request.GroupName)) return yield* Effect.fail(CognitoException.resourceNotFound("Group not found."))
    const user = yield* Users.lookup(state, request.Username)
    backend.store.putUser(state, { ...user, groups: change(user.groups) })
    return {}
  })

/** @since 0.1.0 */
export const adminAddUserToGroup = Handler.make(
  AdminAddUserToGroupOperation,
  Effect.fn("AdminAddUserToGroup")((request) =>
    membership(request, (groups) => (groups.includes(request.GroupName) ? groups : [...groups, request.GroupName]))
  )
)

/** @since 0.1.0 */
export const adminRemoveUserFromGroup = Handler.make(
  AdminRemoveUserFromGroupOperation,
  Effect.fn("AdminRemoveUserFromGroup")((request) => membership(request, (groups) => groups.filter((name) => name !== request.GroupName)))
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [createGroupHandler, adminAddUserToGroup, adminRemoveUserFromGroup]
