import type { ModuleManifest } from '../../platform/module.js';
import { registerCalendarRoutes } from './calendar-routes.js';
import { registerCoursesRoutes } from './routes.js';
import { registerTimetableRoutes } from './timetable-routes.js';
import { seedCourses } from './seed.js';

/**
 * Courses: programmes, cohorts, rooms, the curriculum (modules, sessions, lecturers, materials), the
 * public and participant views, and lecturer fees into the budget (see routes.ts). Seeds the 2020
 * pilot from the plan once (seed.ts).
 */
export const coursesModule: ModuleManifest = {
  name: 'courses',
  dependsOn: ['administration', 'enrolment'],
  registerRoutes: (app, deps) => {
    registerCoursesRoutes(app, deps);
    registerTimetableRoutes(app, deps);
    registerCalendarRoutes(app, deps);
  },
  seed: (deps) => seedCourses(deps.db),
};
