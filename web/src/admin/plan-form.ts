/**
 * Work package and milestone forms: text inputs in, API bodies out, with the server's checks (plan
 * dates, end not before start, Korean required) under the server's field paths.
 */
import type { MilestoneInputT, MilestoneViewT, WorkPackageInputT, WorkPackageViewT } from '../../../src/shared/contracts/plan';
import type { Issues } from './form-errors';
import { newRowKey } from './budget-form';

const PLAN_DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
const TITLE_MAX = 300;
const TEXT_MAX = 2000;

export interface TaskRow {
  rowKey: string;
  ko: string;
  en: string;
}

export interface WorkPackageForm {
  code: string;
  titleKo: string;
  titleEn: string;
  start: string;
  end: string;
  operatorKo: string;
  operatorEn: string;
  placeKo: string;
  placeEn: string;
  tasks: TaskRow[];
  noteKo: string;
  noteEn: string;
  /** '' for none. */
  budgetLineId: string;
  done: DoneChoice;
}

/** Staff's record of completion as the form holds it: '' nothing recorded, 'done', 'notDone'. */
export type DoneChoice = '' | 'done' | 'notDone';
export const doneChoice = (done: boolean | null | undefined): DoneChoice => (done === true ? 'done' : done === false ? 'notDone' : '');
export const doneValue = (c: DoneChoice): boolean | null => (c === 'done' ? true : c === 'notDone' ? false : null);

export interface MilestoneForm {
  titleKo: string;
  titleEn: string;
  start: string;
  end: string;
  /** '' for none. */
  workPackageId: string;
  done: DoneChoice;
}

export function emptyTask(): TaskRow {
  return { rowKey: newRowKey(), ko: '', en: '' };
}

export function emptyWorkPackageForm(): WorkPackageForm {
  return { code: '', titleKo: '', titleEn: '', start: '', end: '', operatorKo: '', operatorEn: '', placeKo: '', placeEn: '', tasks: [], noteKo: '', noteEn: '', budgetLineId: '', done: '' };
}

export function workPackageFormFromView(wp: WorkPackageViewT): WorkPackageForm {
  return {
    code: wp.code,
    titleKo: wp.title.ko,
    titleEn: wp.title.en ?? '',
    start: wp.start,
    end: wp.end,
    operatorKo: wp.operator?.ko ?? '',
    operatorEn: wp.operator?.en ?? '',
    placeKo: wp.place?.ko ?? '',
    placeEn: wp.place?.en ?? '',
    tasks: wp.tasks.map((t) => ({ rowKey: newRowKey(), ko: t.ko, en: t.en ?? '' })),
    noteKo: wp.note?.ko ?? '',
    noteEn: wp.note?.en ?? '',
    budgetLineId: wp.budgetLineId ?? '',
    done: doneChoice(wp.done),
  };
}

export function emptyMilestoneForm(): MilestoneForm {
  return { titleKo: '', titleEn: '', start: '', end: '', workPackageId: '', done: '' };
}

export function milestoneFormFromView(m: MilestoneViewT): MilestoneForm {
  return { titleKo: m.title.ko, titleEn: m.title.en ?? '', start: m.start, end: m.end, workPackageId: m.workPackageId ?? '', done: doneChoice(m.done) };
}

function checkText(issues: Issues, path: string, value: string, max: number, required: boolean): void {
  const v = value.trim();
  if (required && v === '') issues[path] = { key: 'errors.required' };
  else if (v.length > max) issues[path] = { key: 'errors.tooLong', params: { max } };
}

function checkDates(issues: Issues, start: string, end: string): void {
  const s = start.trim();
  const e = end.trim();
  if (s === '') issues.start = { key: 'errors.required' };
  else if (!PLAN_DATE.test(s)) issues.start = { key: 'errors.planDate' };
  if (e === '') issues.end = { key: 'errors.required' };
  else if (!PLAN_DATE.test(e)) issues.end = { key: 'errors.planDate' };
  // Month precision, as the server compares: a task may end in the month it starts.
  if (!issues.start && !issues.end && s.slice(0, 7) > e.slice(0, 7)) issues.end = { key: 'errors.endBeforeStart' };
}

export function validateWorkPackageForm(form: WorkPackageForm): Issues {
  const issues: Issues = {};
  checkText(issues, 'code', form.code, 20, true);
  checkText(issues, 'title.ko', form.titleKo, TITLE_MAX, true);
  checkText(issues, 'title.en', form.titleEn, TITLE_MAX, false);
  checkDates(issues, form.start, form.end);
  for (const field of ['operator', 'place', 'note'] as const) {
    checkText(issues, `${field}.ko`, form[`${field}Ko`], TEXT_MAX, false);
    checkText(issues, `${field}.en`, form[`${field}En`], TEXT_MAX, false);
  }
  if (form.tasks.length > 50) issues.tasks = { key: 'errors.tooManyTasks', params: { max: 50 } };
  form.tasks.forEach((task, i) => {
    checkText(issues, `tasks.${i}.ko`, task.ko, TEXT_MAX, true);
    checkText(issues, `tasks.${i}.en`, task.en, TEXT_MAX, false);
  });
  return issues;
}

function text(ko: string, en: string): { ko: string; en?: string } {
  const e = en.trim();
  return e === '' ? { ko: ko.trim() } : { ko: ko.trim(), en: e };
}

/** Optional bilingual text: null when both languages are empty, so the field is cleared. */
function optionalText(ko: string, en: string): { ko: string; en?: string } | null {
  return ko.trim() === '' && en.trim() === '' ? null : text(ko, en);
}

/** The body for POST, and for PATCH (every field is sent, so clearing a field clears it). */
export function workPackageFormToInput(form: WorkPackageForm): WorkPackageInputT {
  return {
    code: form.code.trim(),
    title: text(form.titleKo, form.titleEn),
    start: form.start.trim(),
    end: form.end.trim(),
    operator: optionalText(form.operatorKo, form.operatorEn),
    place: optionalText(form.placeKo, form.placeEn),
    tasks: form.tasks.map((t) => text(t.ko, t.en)),
    note: optionalText(form.noteKo, form.noteEn),
    budgetLineId: form.budgetLineId === '' ? null : form.budgetLineId,
    done: doneValue(form.done),
  };
}

export function validateMilestoneForm(form: MilestoneForm): Issues {
  const issues: Issues = {};
  checkText(issues, 'title.ko', form.titleKo, TITLE_MAX, true);
  checkText(issues, 'title.en', form.titleEn, TITLE_MAX, false);
  checkDates(issues, form.start, form.end);
  return issues;
}

export function milestoneFormToInput(form: MilestoneForm): MilestoneInputT {
  return {
    title: text(form.titleKo, form.titleEn),
    start: form.start.trim(),
    end: form.end.trim(),
    workPackageId: form.workPackageId === '' ? null : form.workPackageId,
    done: doneValue(form.done),
  };
}

/** Moves an item of a list one place, for the task rows' up/down buttons. */
export function moveItem<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const out = [...items];
  [out[index], out[target]] = [out[target]!, out[index]!];
  return out;
}
