/**
 * What other modules may use of administration (the lint rule module-boundaries allows no other
 * file): the current plan, the checked budget tree (lecturer fees book spending against it), and
 * the plan, schedule and budget views that open data republishes.
 */
export { currentPlan, currentPlanId } from './repository.js';
export { budgetView, loadBudgetTree, planView, scheduleView } from './use-cases.js';
