import type { Rule } from 'eslint';

export declare const QUERIES_NOT_YET_IN_A_REPOSITORY: readonly string[];
declare const rule: Rule.RuleModule;
export default rule;
