/**
 * What other modules may use of recruitment (the lint rule module-boundaries allows no other
 * file): a call as its public pages see it and a person's application to it, which decide who may
 * upload and download the files of an application.
 */
export { applicationOf, visibleCall, type CallRow } from './repository.js';
