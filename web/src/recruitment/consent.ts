import type { ConsentItem } from '../../../src/core/recruitment/answers';

/** Required and optional items apart (PIPA §22①), each numbered within its group so notice and checkbox name each other. */
export function consentGroups(items: readonly ConsentItem[]) {
  return { required: items.filter((c) => c.required), optional: items.filter((c) => !c.required) };
}
