/**
 * How the campus writes dates and times, for the server's messages too: the one formatter the web
 * pages use (web/src/lib/format.ts is pure, no DOM, no I/O), so a sentence from the server names a
 * day as the page around it does — "2030년 3월 14일 (목)" / "Thu 14 Mar 2030", never "2030-03-14".
 */
export { formatDate, formatDateTime, formatDayRange } from '../../../web/src/lib/format.js';
