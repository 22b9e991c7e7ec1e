/** Contracts of accounts: sign-up, sign-in, the current session, roles, first-admin setup. */
import { z } from 'zod';
import { ROLES } from '../../core/access/policy.js';
import { Id, RequiredText } from './common.js';
import { Paged, PageQueryFields, TextFilter } from './paging.js';

export const Role = z.enum(ROLES);

/** ASVS 6.2.1/6.2.9: at least 8 characters, at least 64 allowed, no composition rules. */
export const Password = z
  .string({ message: 'oc:errors.field.text' })
  .min(8, { message: 'oc:errors.field.password_short' })
  .max(128, { message: 'oc:errors.field.password_long' });
export const Email = z
  .email({ message: 'oc:errors.field.email' })
  .max(254, { message: 'oc:errors.field.too_long' })
  .transform((e) => e.toLowerCase());

export const SignUpInput = z.strictObject({
  name: RequiredText(100),
  email: Email,
  password: Password,
  locale: z.enum(['ko', 'en']).optional(),
});
export type SignUpInputT = z.input<typeof SignUpInput>;

/** The one answer to a sign-up, whether the address was new or already had an account. */
export const SignUpAccepted = z.object({ accepted: z.literal(true) });

export const SignInInput = z.strictObject({
  email: Email,
  password: z.string({ message: 'oc:errors.field.text' }).min(1, { message: 'oc:errors.field.required' }).max(128, { message: 'oc:errors.field.too_long' }),
});
export type SignInInputT = z.input<typeof SignInInput>;

export const Me = z.object({
  user: z
    .object({
      id: Id,
      name: z.string(),
      email: z.string(),
      /** False until the address is confirmed through the mailed link. */
      emailVerified: z.boolean(),
      locale: z.enum(['ko', 'en']),
      roles: z.array(Role),
      /** A confirmed authenticator app guards sign-in. */
      twoFactorEnabled: z.boolean(),
      /** An administrator without one: staff routes answer 403 until it is set up. */
      twoFactorRequired: z.boolean(),
    })
    .nullable(),
  /** True while no admin exists: the web app offers the setup page. */
  setupRequired: z.boolean(),
});
export type MeT = z.infer<typeof Me>;

export const EmailVerificationInput = z.strictObject({
  token: z.string({ message: 'oc:errors.field.text' }).min(1, { message: 'oc:errors.field.required' }).max(4000, { message: 'oc:errors.auth.verification_invalid' }),
});

export const PasswordChangeInput = z.strictObject({
  currentPassword: z.string({ message: 'oc:errors.field.text' }).min(1, { message: 'oc:errors.field.required' }).max(128, { message: 'oc:errors.field.too_long' }),
  newPassword: Password,
});
export type PasswordChangeInputT = z.input<typeof PasswordChangeInput>;

export const SetupInput = z.strictObject({
  token: z.string({ message: 'oc:errors.field.text' }).min(16, { message: 'oc:errors.setup.invalid_token' }).max(200, { message: 'oc:errors.setup.invalid_token' }),
  name: RequiredText(100),
  email: Email,
  password: Password,
});
export type SetupInputT = z.input<typeof SetupInput>;

export const UserListItem = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  roles: z.array(Role),
  createdAt: z.string(),
});
export type UserListItemT = z.infer<typeof UserListItem>;

/** One page of the accounts, oldest first: `?q` a part of the name or address, `?role` those holding a global role (every account is a member). */
export const UserListQuery = z.strictObject({ ...PageQueryFields, q: TextFilter, role: Role.optional() });
export type UserListQueryT = z.infer<typeof UserListQuery>;
export const UserList = Paged(UserListItem);
export type UserListT = z.infer<typeof UserList>;

export const RolesInput = z.strictObject({
  /** Global roles to hold; 'member' is implicit and ignored. */
  roles: z.array(Role).max(ROLES.length),
});
export type RolesInputT = z.infer<typeof RolesInput>;

export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  actorId: Id.nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: Id.nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryT = z.infer<typeof AuditEntry>;

/** One page of the audit log, newest first (ids are time-ordered UUIDv7); `?entityType` and `?action` narrow it. */
export const AuditQuery = z.strictObject({
  ...PageQueryFields,
  entityType: z.string().trim().max(50, { message: 'oc:errors.field.too_long' }).optional(),
  action: z.string().trim().max(80, { message: 'oc:errors.field.too_long' }).optional(),
});
export type AuditQueryT = z.infer<typeof AuditQuery>;

export const AuditPage = Paged(AuditEntry);
export type AuditPageT = z.infer<typeof AuditPage>;
