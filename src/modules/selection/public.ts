/**
 * What other modules may use of selection (the lint rule module-boundaries allows no other file):
 * who became a participant of a call through its finalised selection, and whether they still are.
 */
export { participantsOfCall, type ParticipantOfCall } from './participants.js';
