/** Contracts of two-factor sign-in (TOTP with recovery codes; docs/adr/0013-accounts-verification-2fa.md). */
import { z } from 'zod';

/** The six digits an authenticator app shows; spaces people type between groups are dropped. */
export const TotpCode = z
  .string({ message: 'oc:errors.field.text' })
  .max(20, { message: 'oc:errors.accounts.two_factor_code_format' })
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { message: 'oc:errors.accounts.two_factor_code_format' }));

/** A recovery code as handed out (`abcD3-1x345`, case matters); a missing hyphen is forgiven. */
export const RecoveryCode = z
  .string({ message: 'oc:errors.field.text' })
  .max(40, { message: 'oc:errors.accounts.recovery_code_format' })
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/, { message: 'oc:errors.accounts.recovery_code_format' }))
  .transform((s) => (s.includes('-') ? s : `${s.slice(0, 5)}-${s.slice(5)}`));

const CurrentPassword = z.string({ message: 'oc:errors.field.text' }).min(1, { message: 'oc:errors.field.required' }).max(128, { message: 'oc:errors.field.too_long' });

export const TwoFactorEnrolInput = z.strictObject({ password: CurrentPassword });
export type TwoFactorEnrolInputT = z.input<typeof TwoFactorEnrolInput>;

/** What an authenticator app needs: the otpauth:// address (for the QR code) and its secret as text. */
export const TwoFactorEnrolment = z.object({
  totpUri: z.string(),
  /** The Base32 secret inside totpUri, for typing into an app by hand or reading out. */
  secret: z.string(),
  /** Handed out now, shown once the first code has confirmed the app. */
  recoveryCodes: z.array(z.string()),
});
export type TwoFactorEnrolmentT = z.infer<typeof TwoFactorEnrolment>;

export const TwoFactorCodeInput = z.strictObject({ code: TotpCode });
export type TwoFactorCodeInputT = z.input<typeof TwoFactorCodeInput>;

export const TwoFactorDisableInput = z.strictObject({ password: CurrentPassword, code: TotpCode });
export type TwoFactorDisableInputT = z.input<typeof TwoFactorDisableInput>;

/** The second step of signing in: a code from the app, or one recovery code. */
export const TwoFactorSignInInput = z
  .strictObject({ code: TotpCode.optional(), recoveryCode: RecoveryCode.optional() })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), { message: 'oc:errors.accounts.two_factor_code_format', path: ['code'] });
export type TwoFactorSignInInputT = z.input<typeof TwoFactorSignInInput>;

/** Sign-in answers this (202) instead of the account when a code is still needed. */
export const TwoFactorChallenge = z.object({ twoFactorRequired: z.literal(true) });

export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/** Until when the session counts as having just proved a second factor (ISO time). */
export const StepUpResult = z.object({ freshUntil: z.string() });
