/**
 * Affinity between an application and a reviewer, and the candidate pairs the optimiser may use.
 * The score keeps its parts so every pairing can say why it was made. Candidate generation scores
 * one application at a time against all reviewers and keeps only its best K, so memory grows with
 * candidate pairs, never with applications × reviewers.
 */
import { detectConflicts, type ApplicantParty, type ConflictIndex, type ReviewerParty } from './conflicts.js';

export interface ApplicationProfile extends ApplicantParty {
  sector?: string | null | undefined;
  topics: readonly string[];
}

export interface ReviewerProfile extends ReviewerParty {
  /** Sectors the reviewer works in. */
  sectors: readonly string[];
  topics: readonly string[];
  /** Sectors or topics the reviewer declared expertise in. */
  expertise: readonly string[];
  /** At most this many reviews. */
  load: number;
}

/**
 * Integer points out of 1,000, so LP coefficients and optimal totals are exact and the three parts
 * add up to the total shown to staff. Sector match is the strongest single signal in the plan's
 * calls (civil society, business, public sector), topic overlap the broadest, declared expertise
 * the reviewer's own word.
 */
export const AFFINITY_WEIGHTS = { sector: 300, topics: 400, expertise: 300 } as const;
export const AFFINITY_MAX = AFFINITY_WEIGHTS.sector + AFFINITY_WEIGHTS.topics + AFFINITY_WEIGHTS.expertise;

export interface AffinityBreakdown {
  points: number;
  /** The application's sector when the reviewer works in it. */
  sector: string | null;
  sectorPoints: number;
  sharedTopics: string[];
  /** |shared| / |union| of topic tags. */
  jaccard: number;
  topicPoints: number;
  /** The application's sector and topics the reviewer declared expertise in. */
  expertise: string[];
  expertisePoints: number;
}

/** Tags compare case- and width-insensitively ("Housing" = "housing"). */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFKC').trim().toLowerCase();
}

/** The one formula both the explanation and the fast candidate scan use, so they cannot drift. */
function combine(sectorHit: boolean, shared: number, union: number, expertiseHits: number, appTerms: number) {
  const sectorPoints = sectorHit ? AFFINITY_WEIGHTS.sector : 0;
  const topicPoints = union === 0 ? 0 : Math.round((AFFINITY_WEIGHTS.topics * shared) / union);
  const expertisePoints = appTerms === 0 ? 0 : Math.round((AFFINITY_WEIGHTS.expertise * expertiseHits) / appTerms);
  return { sectorPoints, topicPoints, expertisePoints, points: sectorPoints + topicPoints + expertisePoints };
}

function tagSet(tags: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const t of tags) {
    const n = normaliseTag(t);
    if (n !== '') set.add(n);
  }
  return set;
}

/** The application's terms a reviewer's declared expertise can match: its sector and topics. */
function applicationTerms(app: ApplicationProfile): Set<string> {
  const terms = tagSet(app.topics);
  const sector = app.sector ? normaliseTag(app.sector) : '';
  if (sector !== '') terms.add(sector);
  return terms;
}

/** Affinity of one pair with its parts (tags in the application's own spelling order, normalised). */
export function affinity(app: ApplicationProfile, reviewer: ReviewerProfile): AffinityBreakdown {
  const sector = app.sector ? normaliseTag(app.sector) : '';
  const sectorHit = sector !== '' && tagSet(reviewer.sectors).has(sector);
  const appTopics = tagSet(app.topics);
  const reviewerTopics = tagSet(reviewer.topics);
  const sharedTopics = [...appTopics].filter((t) => reviewerTopics.has(t));
  const union = appTopics.size + reviewerTopics.size - sharedTopics.length;
  const terms = applicationTerms(app);
  const declared = tagSet(reviewer.expertise);
  const expertise = [...terms].filter((t) => declared.has(t));
  const parts = combine(sectorHit, sharedTopics.length, union, expertise.length, terms.size);
  return {
    points: parts.points,
    sector: sectorHit ? sector : null,
    sectorPoints: parts.sectorPoints,
    sharedTopics,
    jaccard: union === 0 ? 0 : sharedTopics.length / union,
    topicPoints: parts.topicPoints,
    expertise,
    expertisePoints: parts.expertisePoints,
  };
}

/**
 * A seeded 32-bit mix of (seed, application, reviewer). Equal scores are ordered by it rather than
 * by list position, so ties — above all the many zero-affinity pairs used as padding — spread over
 * all reviewers instead of piling onto the first ones and exhausting their load.
 */
export function tieBreak(seed: number, appIndex: number, reviewerIndex: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(appIndex + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) ^ Math.imul(reviewerIndex + 1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Candidate pairs in compressed rows: application i's candidates are entries offsets[i] ..
 * offsets[i+1]-1 of `reviewer` (reviewer index) and `points`, best first. Typed arrays keep
 * 500,000 pairs in a few megabytes.
 */
export interface CandidateSet {
  k: number;
  topK: number;
  applicationIds: readonly string[];
  reviewerIds: readonly string[];
  loads: Int32Array;
  offsets: Int32Array;
  reviewer: Int32Array;
  points: Int32Array;
  /**
   * Per application: reviews still to place (k unless some were placed before and are kept, see
   * CandidateOptions.need).
   */
  need: Int32Array;
  /** Per application: how many reviewers in total are free of conflict with it and not excluded (before the cut). */
  conflictFree: Int32Array;
  conflicts: ConflictIndex;
}

export interface CandidateOptions {
  /** Reviews each application needs. */
  k: number;
  /** Reviewers kept per application; raised to k when smaller so the cut never costs feasibility. */
  topK?: number;
  /** Seed for the tie-break among equal scores. */
  seed?: number;
  /** Precomputed conflicts; detected from the profiles when absent. */
  conflicts?: ConflictIndex;
  /**
   * Reviews still needed per application (same order as the applications), when some are already
   * placed and kept; values are clamped to 0..k. Default: k for every application.
   */
  need?: readonly number[];
  /**
   * Pairs the optimiser may not choose although they are not conflicts: by application id, the
   * reviewer ids already reviewing it (a kept assignment must not be chosen a second time).
   */
  exclude?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Interns tags as small integers so the per-pair scan is array lookups, not string hashing. */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  idsOf(tags: Iterable<string>): Int32Array {
    const out: number[] = [];
    for (const t of tags) {
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(t, id);
      }
      out.push(id);
    }
    return Int32Array.from(out);
  }
  get size(): number {
    return this.ids.size;
  }
}

/** Top-K conflict-free reviewers per application by affinity (ties by seeded mix), streamed per application. */
export function buildCandidates(applications: readonly ApplicationProfile[], reviewers: readonly ReviewerProfile[], options: CandidateOptions): CandidateSet {
  const k = Math.max(0, Math.floor(options.k));
  const topK = Math.max(k, Math.floor(options.topK ?? 50));
  const seed = options.seed ?? 1;
  const conflicts = options.conflicts ?? detectConflicts(applications, reviewers);
  const R = reviewers.length;
  const vocab = new Vocabulary();
  const rSectors = reviewers.map((r) => vocab.idsOf(tagSet(r.sectors)));
  const rTopics = reviewers.map((r) => vocab.idsOf(tagSet(r.topics)));
  const rExpertise = reviewers.map((r) => vocab.idsOf(tagSet(r.expertise)));
  const reviewerIndex = new Map(reviewers.map((r, i) => [r.id, i]));
  const appIds = applications.map((a) => a.id);
  const appTopics = applications.map((a) => vocab.idsOf(tagSet(a.topics)));
  const appSector = applications.map((a) => (a.sector && normaliseTag(a.sector) !== '' ? vocab.idsOf([normaliseTag(a.sector)])[0]! : -1));

  const need = Int32Array.from(applications, (_, a) => Math.min(k, Math.max(0, Math.floor(options.need?.[a] ?? k))));
  const offsets = new Int32Array(applications.length + 1);
  const cap = applications.length * Math.min(topK, R);
  const outReviewer = new Int32Array(cap);
  const outPoints = new Int32Array(cap);
  const conflictFree = new Int32Array(applications.length);
  // Per-application scratch, reused: O(vocabulary + reviewers + K) memory whatever the sizes.
  const topicMark = new Uint8Array(vocab.size);
  const termMark = new Uint8Array(vocab.size);
  const blocked = new Uint8Array(R);
  const heapR = new Int32Array(topK);
  const heapP = new Int32Array(topK);
  const heapT = new Uint32Array(topK);
  let used = 0;

  // Min-heap on (points, tie): the root is the weakest kept candidate.
  const less = (a: number, b: number) => heapP[a]! < heapP[b]! || (heapP[a] === heapP[b] && heapT[a]! < heapT[b]!);
  const swap = (a: number, b: number) => {
    const r = heapR[a]!, p = heapP[a]!, t = heapT[a]!;
    heapR[a] = heapR[b]!; heapP[a] = heapP[b]!; heapT[a] = heapT[b]!;
    heapR[b] = r; heapP[b] = p; heapT[b] = t;
  };
  const siftDown = (size: number, i0: number) => {
    let i = i0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < size && less(l, m)) m = l;
      if (r < size && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };

  for (let a = 0; a < applications.length; a++) {
    const topics = appTopics[a]!;
    const sector = appSector[a]!;
    for (const t of topics) {
      topicMark[t] = 1;
      termMark[t] = 1;
    }
    if (sector >= 0) termMark[sector] = 1;
    const terms = topics.length + (sector >= 0 && topicMark[sector] === 0 ? 1 : 0);
    const row = conflicts.get(appIds[a]!);
    const excluded = options.exclude?.get(appIds[a]!);
    let nBlocked = 0;
    const block = (id: string) => {
      const ri = reviewerIndex.get(id);
      if (ri !== undefined && blocked[ri] === 0) {
        blocked[ri] = 1;
        nBlocked++;
      }
    };
    if (row) for (const id of row.keys()) block(id);
    if (excluded) for (const id of excluded) block(id);
    conflictFree[a] = R - nBlocked;

    let size = 0;
    // An application whose reviews are all placed already takes no candidates (and no variables).
    if (need[a] !== 0) for (let r = 0; r < R; r++) {
      if (blocked[r] === 1) continue;
      let sectorHit = false;
      if (sector >= 0) for (const s of rSectors[r]!) if (s === sector) { sectorHit = true; break; }
      const rt = rTopics[r]!;
      let shared = 0;
      for (const t of rt) shared += topicMark[t]!;
      let expertiseHits = 0;
      for (const e of rExpertise[r]!) expertiseHits += termMark[e]!;
      const p = combine(sectorHit, shared, topics.length + rt.length - shared, expertiseHits, terms).points;
      const t = tieBreak(seed, a, r);
      if (size < topK) {
        heapR[size] = r; heapP[size] = p; heapT[size] = t;
        size++;
        // Sift up.
        let i = size - 1;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!less(i, parent)) break;
          swap(i, parent);
          i = parent;
        }
      } else if (p > heapP[0]! || (p === heapP[0] && t > heapT[0]!)) {
        heapR[0] = r; heapP[0] = p; heapT[0] = t;
        siftDown(size, 0);
      }
    }
    // Pop weakest first and fill from the back: the row ends up best first. (Rows never exceed
    // min(K, reviewers), so the arrays sized up front always suffice.)
    for (let n = size; n > 0; n--) {
      outReviewer[used + n - 1] = heapR[0]!;
      outPoints[used + n - 1] = heapP[0]!;
      swap(0, n - 1);
      siftDown(n - 1, 0);
    }
    used += size;
    offsets[a + 1] = used;

    for (const t of topics) {
      topicMark[t] = 0;
      termMark[t] = 0;
    }
    if (sector >= 0) termMark[sector] = 0;
    if (row) for (const id of row.keys()) {
      const ri = reviewerIndex.get(id);
      if (ri !== undefined) blocked[ri] = 0;
    }
    if (excluded) for (const id of excluded) {
      const ri = reviewerIndex.get(id);
      if (ri !== undefined) blocked[ri] = 0;
    }
  }

  return {
    k,
    topK,
    applicationIds: appIds,
    reviewerIds: reviewers.map((r) => r.id),
    loads: Int32Array.from(reviewers, (r) => Math.max(0, Math.floor(r.load))),
    need,
    offsets,
    reviewer: outReviewer.slice(0, used),
    points: outPoints.slice(0, used),
    conflictFree,
    conflicts,
  };
}
