/**
 * Conflicts of interest between applications and reviewers (docs/assignment.md). A reviewer may not
 * review an application they declared a conflict with, one from their own organisation, or one
 * whose contact shares their institutional e-mail domain. Detection goes through indexes keyed by
 * organisation and domain, so its cost grows with the number of conflicts, not with
 * applications × reviewers.
 */

export interface ApplicantParty {
  id: string;
  organisation?: string | null | undefined;
  email: string;
}

export interface ReviewerParty {
  id: string;
  organisation?: string | null | undefined;
  email: string;
  /** Application ids the reviewer declared a conflict with. */
  declaredConflicts: readonly string[];
}

export type ConflictReason =
  | { kind: 'declared' }
  | { kind: 'same_organisation'; organisation: string }
  | { kind: 'same_email_domain'; domain: string };

export interface Conflict {
  applicationId: string;
  reviewerId: string;
  reasons: ConflictReason[];
}

/**
 * Public webmail domains: sharing one says nothing about affiliation, so they never make a
 * conflict. Korean portals first (naver, daum/hanmail, kakao, nate), then the global providers.
 */
export const PUBLIC_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'naver.com',
  'daum.net',
  'hanmail.net',
  'kakao.com',
  'nate.com',
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.co.kr',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
]);

/**
 * Legal-form markers that do not distinguish organisations ("(사)" 사단법인, "(재)" 재단법인, "(주)"
 * 주식회사, "Inc.", "Ltd."): "사단법인 서울혁신센터" and "서울혁신센터" are the same organisation.
 */
const LEGAL_FORMS = [
  '사단법인',
  '재단법인',
  '사회적협동조합',
  '협동조합',
  '주식회사',
  '유한회사',
  '(사)',
  '(재)',
  '(주)',
  '(유)',
  '㈜',
];
const LATIN_LEGAL_FORMS = new Set(['inc', 'incorporated', 'ltd', 'limited', 'llc', 'co', 'corp', 'corporation', 'foundation']);

/** A comparable form of an organisation name: NFKC, lower case, legal forms and punctuation dropped. */
export function normaliseOrganisation(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  for (const form of LEGAL_FORMS) s = s.split(form.normalize('NFKC')).join(' ');
  const words = s
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '' && !LATIN_LEGAL_FORMS.has(w));
  // Words are joined without spaces: "서울 혁신 센터" and "서울혁신센터" are written both ways.
  return words.join('');
}

/** The institutional domain of an address, or null when it is missing or a public webmail domain. */
export function institutionalDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  if (domain === '' || !domain.includes('.') || PUBLIC_EMAIL_DOMAINS.has(domain)) return null;
  return domain;
}

/** Why this reviewer may not review this application (empty when they may). */
export function conflictReasons(app: ApplicantParty, reviewer: ReviewerParty): ConflictReason[] {
  const reasons: ConflictReason[] = [];
  if (reviewer.declaredConflicts.includes(app.id)) reasons.push({ kind: 'declared' });
  const org = app.organisation ? normaliseOrganisation(app.organisation) : '';
  if (org !== '' && reviewer.organisation && normaliseOrganisation(reviewer.organisation) === org) {
    reasons.push({ kind: 'same_organisation', organisation: reviewer.organisation });
  }
  const domain = institutionalDomain(app.email);
  if (domain !== null && institutionalDomain(reviewer.email) === domain) reasons.push({ kind: 'same_email_domain', domain });
  return reasons;
}

/** Conflicts by application id, then reviewer id; absent entries are conflict-free pairs. */
export type ConflictIndex = ReadonlyMap<string, ReadonlyMap<string, ConflictReason[]>>;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every conflicted pair with all its reasons, found through organisation/domain indexes. */
export function detectConflicts(applications: readonly ApplicantParty[], reviewers: readonly ReviewerParty[]): ConflictIndex {
  const byOrg = new Map<string, ReviewerParty[]>();
  const byDomain = new Map<string, ReviewerParty[]>();
  const byDeclared = new Map<string, ReviewerParty[]>();
  for (const r of reviewers) {
    const org = r.organisation ? normaliseOrganisation(r.organisation) : '';
    if (org !== '') push(byOrg, org, r);
    const domain = institutionalDomain(r.email);
    if (domain !== null) push(byDomain, domain, r);
    for (const appId of new Set(r.declaredConflicts)) push(byDeclared, appId, r);
  }
  const index = new Map<string, Map<string, ConflictReason[]>>();
  for (const app of applications) {
    const suspects = new Map<string, ReviewerParty>();
    const org = app.organisation ? normaliseOrganisation(app.organisation) : '';
    const domain = institutionalDomain(app.email);
    for (const r of org !== '' ? (byOrg.get(org) ?? []) : []) suspects.set(r.id, r);
    for (const r of domain !== null ? (byDomain.get(domain) ?? []) : []) suspects.set(r.id, r);
    for (const r of byDeclared.get(app.id) ?? []) suspects.set(r.id, r);
    if (suspects.size === 0) continue;
    const row = new Map<string, ConflictReason[]>();
    for (const r of suspects.values()) {
      const reasons = conflictReasons(app, r);
      if (reasons.length > 0) row.set(r.id, reasons);
    }
    if (row.size > 0) index.set(app.id, row);
  }
  return index;
}

/** The index as a flat list, for display and audit. */
export function listConflicts(index: ConflictIndex): Conflict[] {
  const out: Conflict[] = [];
  for (const [applicationId, row] of index) for (const [reviewerId, reasons] of row) out.push({ applicationId, reviewerId, reasons });
  return out;
}
