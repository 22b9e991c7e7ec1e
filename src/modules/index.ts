/**
 * Every module of Open Campus, in one list. A new area (recruitment, courses, experiments,
 * network, exchange) adds its manifest here; nothing else in the platform changes.
 */
import type { ModuleManifest } from '../platform/module.js';
import { accessLogModule } from './access-log/index.js';
import { accountsModule } from './accounts/index.js';
import { administrationModule } from './administration/index.js';
import { auditModule } from './audit/index.js';
import { recruitmentModule } from './recruitment/index.js';
import { reviewModule } from './review/index.js';
import { selectionModule } from './selection/index.js';
import { filesModule } from './files/index.js';
import { coursesModule } from './courses/index.js';
import { enrolmentModule } from './enrolment/index.js';
import { attendanceModule } from './attendance/index.js';
import { homeModule } from './home/index.js';
import { mailModule } from './mail/index.js';
import { openDataModule } from './open-data/index.js';

export const modules: readonly ModuleManifest[] = [accountsModule, administrationModule, auditModule, accessLogModule, recruitmentModule, reviewModule, selectionModule, filesModule, coursesModule, enrolmentModule, attendanceModule, homeModule, mailModule, openDataModule];
