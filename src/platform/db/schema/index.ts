export * from './auth.js';
export * from './platform.js';
export * from './administration.js';
export * from './recruitment.js';
export * from './courses.js';
