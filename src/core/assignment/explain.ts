/**
 * Words for assignment results, Korean first then English: why a pairing was made, and what to
 * change when no assignment exists. Built from the structured data so the numbers shown are the
 * numbers computed.
 */
import type { LocalizedText } from '../shared/localized.js';
import { AFFINITY_MAX, type AffinityBreakdown } from './affinity.js';
import type { ConflictReason } from './conflicts.js';
import { MAX_LISTED_IDS, type AssignedPair, type InfeasibilityReason } from './model.js';

const list = (items: readonly string[]) => items.join(', ');
const ids = (items: readonly string[], total: number) => (total > items.length ? `${list(items)} …` : list(items));

/** The affinity parts in words, Korean and English ("Affinity 642/1000 — same sector: …"). */
function affinityText(why: AffinityBreakdown): Required<LocalizedText> {
  const ko: string[] = [];
  const en: string[] = [];
  if (why.sector !== null) {
    ko.push(`같은 분야: ${why.sector} (+${why.sectorPoints})`);
    en.push(`same sector: ${why.sector} (+${why.sectorPoints})`);
  }
  if (why.sharedTopics.length > 0) {
    ko.push(`공통 주제: ${list(why.sharedTopics)} (+${why.topicPoints})`);
    en.push(`shared topics: ${list(why.sharedTopics)} (+${why.topicPoints})`);
  }
  if (why.expertise.length > 0) {
    ko.push(`신고한 전문 분야: ${list(why.expertise)} (+${why.expertisePoints})`);
    en.push(`declared expertise: ${list(why.expertise)} (+${why.expertisePoints})`);
  }
  if (ko.length === 0) {
    ko.push('공통 분야·주제·전문 분야 없음');
    en.push('no shared sector, topic or expertise');
  }
  return { ko: `적합도 ${why.points}/${AFFINITY_MAX} — ${ko.join('; ')}`, en: `Affinity ${why.points}/${AFFINITY_MAX} — ${en.join('; ')}` };
}

/** Why this reviewer was given this application: affinity parts, then rank among candidates. */
export function explainPairing(pair: AssignedPair, why: AffinityBreakdown): Required<LocalizedText> {
  const text = affinityText(why);
  // A pair with nothing in common is still a deliberate choice: the optimum needed this reviewer
  // to give every application its reviews.
  const padding = why.sector === null && why.sharedTopics.length === 0 && why.expertise.length === 0;
  return {
    ko: `${text.ko}${padding ? ', 모든 신청에 심사위원 수를 채우려고 배정' : ''}. 후보 ${pair.candidates}명 중 ${pair.rank}순위.`,
    en: `${text.en}${padding ? '; assigned so every application gets its reviews' : ''}. Candidate ${pair.rank} of ${pair.candidates}.`,
  };
}

/** A pair staff made by hand: said so, with the affinity parts for comparison. */
export function explainManualPairing(why: AffinityBreakdown): Required<LocalizedText> {
  const text = affinityText(why);
  return { ko: `담당자가 직접 배정. ${text.ko}.`, en: `Assigned by staff. ${text.en}.` };
}

/**
 * What is wrong with an infeasible request and what to change, with its numbers. `nameOf` turns an
 * application id into what staff recognise (the applicant's name): ids never reach a page.
 */
export function describeInfeasibility(reason: InfeasibilityReason, nameOf: (applicationId: string) => string = (id) => id): Required<LocalizedText> {
  switch (reason.code) {
    case 'invalid_request':
      return { ko: `신청당 심사위원 수는 1 이상의 정수여야 합니다 (현재 ${reason.value}).`, en: `Reviewers per application must be a whole number of at least 1 (now ${reason.value}).` };
    case 'not_enough_slots':
      return {
        ko: `심사 자리가 ${reason.missing}개 더 필요합니다 (필요 ${reason.needed}, 가능 ${reason.available}). 심사위원을 더 모집하거나 심사 한도를 늘리세요.`,
        en: `${reason.missing} more review slots needed (${reason.needed} needed, ${reason.available} available): recruit reviewers or raise their loads.`,
      };
    case 'too_few_conflict_free_reviewers': {
      const shown = reason.applications.slice(0, MAX_LISTED_IDS).map((a) => `${nameOf(a.id)} (${a.conflictFree})`);
      const n = reason.applications.length;
      return {
        ko: `신청 ${n}건은 이해충돌이 없는 심사위원이 ${reason.k}명 미만입니다: ${ids(shown, n)}. 심사위원을 더 모집하거나 이 신청의 심사위원 수를 줄이세요.`,
        en: `${n} application${n === 1 ? ' has' : 's have'} fewer than ${reason.k} reviewers free of conflict: ${ids(shown, n)}. Recruit reviewers or lower the reviews needed for them.`,
      };
    }
    case 'candidate_cut_too_narrow':
      return {
        ko: `신청당 후보 ${reason.topK}명으로는 심사 ${reason.needed}건 중 ${reason.reachable}건만 배정할 수 있습니다. 후보 수를 늘리세요.`,
        en: `With ${reason.topK} candidates per application only ${reason.reachable} of ${reason.needed} reviews can be placed: raise the candidates per application.`,
      };
    case 'shared_reviewers_overloaded': {
      const n = reason.applicationIds.length;
      const named = reason.applicationIds.map(nameOf);
      return {
        ko: `신청 ${ids(named, n)}은(는) 같은 심사위원들을 나눠 써야 해서 심사 ${reason.needed}건 중 ${reason.available}건만 가능합니다. 이 심사위원들의 한도를 ${reason.needed - reason.available}만큼 늘리거나 심사위원을 더 모집하세요.`,
        en: `Applications ${ids(named, n)} share the same reviewers, who can give them only ${reason.available} of ${reason.needed} reviews: raise those reviewers' loads by ${reason.needed - reason.available} or recruit reviewers.`,
      };
    }
    case 'no_assignment_exists':
      return {
        ko: '모든 조건을 만족하는 배정이 없습니다: 일부 신청들이 공유하는 심사위원의 한도가 부족합니다. 심사 한도나 신청당 후보 수를 늘리세요.',
        en: 'No assignment meets every condition: some group of applications shares reviewers whose loads are too small. Raise loads or the candidates per application.',
      };
  }
}

/** Why a reviewer may not review an application, every reason in one sentence. */
export function describeConflict(reasons: readonly ConflictReason[]): Required<LocalizedText> {
  const ko: string[] = [];
  const en: string[] = [];
  for (const r of reasons) {
    switch (r.kind) {
      case 'declared':
        ko.push('이해충돌 신고');
        en.push('conflict declared');
        break;
      case 'same_organisation':
        ko.push(`같은 소속: ${r.organisation}`);
        en.push(`same organisation: ${r.organisation}`);
        break;
      case 'same_email_domain':
        ko.push(`같은 기관 전자우편 도메인: ${r.domain}`);
        en.push(`same institutional e-mail domain: ${r.domain}`);
        break;
    }
  }
  return { ko: ko.join('; '), en: en.join('; ') };
}
