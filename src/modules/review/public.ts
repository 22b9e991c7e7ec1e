/**
 * What other modules may use of review (the lint rule module-boundaries allows no other file): a
 * call's submitted reviews with the reviewer calibration fitted to them, which selection ranks by.
 */
export { calibrationForCall } from './scores.js';
