/**
 * HTTP routes of courses. The public reads published cohorts (lecturers by display name only);
 * a cohort's people read their curriculum and materials (per object: anyone else gets 404); staff
 * (staffOnly) edit programmes, rooms, cohorts and the curriculum, and mark sessions held, which books
 * lecturer fees into the budget. Handlers are thin: one use case each.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { anyRole, publicAccess, signedIn, staffOnly } from '../../core/access/policy.js';
import { localFileStorage, type FileStorage } from '../../platform/files/storage.js';
import { fileNameOf, sendAttachment, uploadedBytes, withRawUploads } from '../../platform/http/raw-body.js';
import { accessorOf, actorOf, me } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { ErrorBody, IdParams, Ok } from '../../shared/contracts/common.js';
import { LecturerAvailabilityInput, LecturerAvailabilityView } from '../../shared/contracts/courses.js';
import * as availability from './availability.js';
import {
  CohortDetail,
  CohortInput,
  CohortList,
  CohortMemberList,
  CohortMemberQuery,
  CohortPatch,
  CohortQuery,
  CohortView,
  HeldView,
  LecturerInput,
  LecturerParams,
  LecturerPatch,
  LecturerPool,
  LecturerPoolQuery,
  LecturerView,
  MaterialFileQuery,
  MaterialLinkInput,
  MaterialPatch,
  MaterialView,
  ModuleInput,
  ModuleList,
  ModulePatch,
  ModuleView,
  MyCohortList,
  MyCohortView,
  ProgrammeInput,
  ProgrammeList,
  ProgrammePatch,
  ProgrammeQuery,
  ProgrammeView,
  PublicCohortView,
  PublicProgrammeList,
  RoomInput,
  RoomList,
  RoomPatch,
  RoomQuery,
  RoomView,
  SessionInput,
  SessionList,
  SessionPatch,
  SessionView,
} from '../../shared/contracts/courses.js';
import { FILE_NAME_HEADER } from '../../shared/contracts/files.js';
import * as catalogue from './catalogue.js';
import * as curriculum from './curriculum.js';
import * as fees from './fees.js';
import * as materials from './materials.js';
import * as views from './views.js';

/** The material file's bytes, streamed as they are. */
const FileBytes = z.unknown().describe('The file, with the media type told from its content');

export function registerCoursesRoutes(app: App, deps: ModuleDeps, storage: FileStorage = localFileStorage(deps.config.filesDir)): void {
  const { db, now, config } = deps;
  const pub = ['courses (public)'];
  const tags = ['courses (staff)'];
  const mine = ['courses (participant)'];
  const err = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
  const logErr = (request: FastifyRequest) => (e: unknown) => request.log.error({ err: e }, 'removing material bytes failed');

  // ---- public ----
  app.route({
    method: 'GET',
    url: '/api/v1/programmes',
    config: { policy: publicAccess },
    schema: { tags: pub, summary: 'Programmes with their published (and finished) cohorts', response: { 200: PublicProgrammeList } },
    handler: () => views.publicProgrammes(db),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/cohorts/:id',
    config: { policy: publicAccess },
    schema: {
      tags: pub,
      summary: "A published cohort: its programme, modules and sessions with times, places and lecturers' display names (no personal data); drafts are 404",
      params: IdParams,
      response: { 200: PublicCohortView, 400: ErrorBody, 404: ErrorBody },
    },
    handler: (request) => views.publicCohort(db, request.params.id),
  });

  // ---- participant ----
  app.route({
    method: 'GET',
    url: '/api/v1/me/cohorts',
    config: { policy: signedIn },
    schema: { tags: mine, summary: 'The published cohorts I belong to (selected participant or enrolled citizen)', response: { 200: MyCohortList } },
    handler: (request) => views.myCohorts(db, me(request)),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/me/cohorts/:id',
    config: { policy: signedIn },
    schema: { tags: mine, summary: "A cohort's curriculum with materials, for its own people only (anyone else: 404)", params: IdParams, response: { 200: MyCohortView, 400: ErrorBody, 404: ErrorBody } },
    handler: (request) => views.myCohort(db, me(request), request.params.id),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/materials/:id/file',
    config: { policy: signedIn },
    schema: {
      tags: mine,
      summary: "Download a material file (as an attachment): the cohort's people, the session's lecturers and staff; anyone else gets 404",
      params: IdParams,
      response: { 200: FileBytes, 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      const file = await materials.downloadMaterial(db, storage, accessorOf(request), request.params.id);
      return sendAttachment(reply, file, file.stream);
    },
  });

  // ---- staff: programmes ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/programmes',
    config: { policy: staffOnly },
    schema: { tags, summary: 'One page of the programmes, oldest first (?q a part of the title, ?kind)', querystring: ProgrammeQuery, response: { 200: ProgrammeList, 400: ErrorBody } },
    handler: (request) => catalogue.listProgrammes(db, request.query),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/programmes',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Create a programme (audited)', body: ProgrammeInput, response: { 201: ProgrammeView, ...err } },
    handler: async (request, reply) => reply.status(201).send(await catalogue.createProgramme(db, actorOf(request), request.body, now())),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/programmes/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'One programme', params: IdParams, response: { 200: ProgrammeView, 400: ErrorBody, 404: ErrorBody } },
    handler: (request) => catalogue.getProgramme(db, request.params.id),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/programmes/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Change a programme (audited)', params: IdParams, body: ProgrammePatch, response: { 200: ProgrammeView, ...err } },
    handler: (request) => catalogue.patchProgramme(db, actorOf(request), request.params.id, request.body, now()),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/programmes/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Delete a programme without cohorts (audited)', params: IdParams, response: { 200: Ok, ...err } },
    handler: async (request) => {
      await catalogue.deleteProgramme(db, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  });

  // ---- staff: rooms ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/rooms',
    config: { policy: staffOnly },
    schema: { tags, summary: 'One page of the rooms with capacity and weekly availability, oldest first (?q a part of the name or place)', querystring: RoomQuery, response: { 200: RoomList, 400: ErrorBody } },
    handler: (request) => catalogue.listRooms(db, request.query),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/rooms',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Create a room (audited)', body: RoomInput, response: { 201: RoomView, ...err } },
    handler: async (request, reply) => reply.status(201).send(await catalogue.createRoom(db, actorOf(request), request.body, now())),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/rooms/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Change a room (audited)', params: IdParams, body: RoomPatch, response: { 200: RoomView, ...err } },
    handler: (request) => catalogue.patchRoom(db, actorOf(request), request.params.id, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/rooms/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Delete a room no session uses (audited)', params: IdParams, response: { 200: Ok, ...err } },
    handler: async (request) => {
      await catalogue.deleteRoom(db, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  });

  // ---- staff: cohorts ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Cohorts, optionally of one programme', querystring: CohortQuery, response: { 200: CohortList, 400: ErrorBody } },
    handler: (request) => catalogue.listCohorts(db, request.query.programmeId),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/cohorts',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Create a cohort (audited); a selection cohort may name the call that fills it', body: CohortInput, response: { 201: CohortView, ...err } },
    handler: async (request, reply) => reply.status(201).send(await catalogue.createCohort(db, actorOf(request), request.body, now())),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'A cohort with its programme, modules, sessions (lecturers, materials), materials and the rooms', params: IdParams, response: { 200: CohortDetail, 400: ErrorBody, 404: ErrorBody } },
    handler: (request) => views.cohortDetail(db, request.params.id),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/cohorts/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Change a cohort: dates, place, capacity, enrolment mode and window, linked call, status (audited)', params: IdParams, body: CohortPatch, response: { 200: CohortView, ...err } },
    handler: (request) => catalogue.patchCohort(db, actorOf(request), request.params.id, request.body, now()),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/cohorts/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Delete a draft cohort without enrolments, with its curriculum (audited)', params: IdParams, response: { 200: Ok, ...err } },
    handler: async (request) => {
      await catalogue.deleteCohort(db, storage, actorOf(request), request.params.id, logErr(request));
      return { ok: true as const };
    },
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id/members',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: "One page of a cohort's people (selected participants or enrolled citizens) by name, with e-mail addresses (?q; access-logged)",
      params: IdParams,
      querystring: CohortMemberQuery,
      response: { 200: CohortMemberList, 400: ErrorBody, 404: ErrorBody },
    },
    handler: (request) => views.membersForStaff(db, accessorOf(request), request.params.id, request.query),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/lecturers',
    config: { policy: staffOnly },
    schema: { tags, summary: "One page of the network's lecturer pool: accounts holding 'mentor', by name (?q a part of the name or address; access-logged)", querystring: LecturerPoolQuery, response: { 200: LecturerPool, 400: ErrorBody } },
    handler: (request) => views.lecturerPool(db, accessorOf(request), request.query),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/lecturers/:id/availability',
    config: { policy: staffOnly },
    schema: { tags, summary: "A lecturer's weekly open hours and unavailable dates (read by the timetable)", params: IdParams, response: { 200: LecturerAvailabilityView, 404: ErrorBody } },
    handler: (request) => availability.getAvailability(db, request.params.id),
  });
  app.route({
    method: 'PUT',
    url: '/api/v1/admin/lecturers/:id/availability',
    config: { policy: staffOnly },
    schema: { tags, summary: "Set a lecturer's weekly open hours and unavailable dates (audited)", params: IdParams, body: LecturerAvailabilityInput, response: { 200: LecturerAvailabilityView, 400: ErrorBody, 404: ErrorBody, 422: ErrorBody } },
    handler: (request) => availability.setAvailability(db, actorOf(request), request.params.id, request.body, deps.now()),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/me/availability',
    config: { policy: anyRole('mentor') },
    schema: { tags: ['courses (lecturer)'], summary: 'My weekly open hours and unavailable dates as a lecturer', response: { 200: LecturerAvailabilityView, 404: ErrorBody } },
    handler: (request) => availability.getAvailability(db, me(request)),
  });
  app.route({
    method: 'PUT',
    url: '/api/v1/me/availability',
    config: { policy: anyRole('mentor') },
    schema: { tags: ['courses (lecturer)'], summary: 'Set my weekly open hours and unavailable dates as a lecturer (audited)', body: LecturerAvailabilityInput, response: { 200: LecturerAvailabilityView, 400: ErrorBody, 422: ErrorBody } },
    handler: (request) => availability.setAvailability(db, actorOf(request), me(request), request.body, deps.now()),
  });

  // ---- staff: modules ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id/modules',
    config: { policy: staffOnly },
    schema: { tags, summary: "A cohort's modules in order", params: IdParams, response: { 200: ModuleList, 400: ErrorBody, 404: ErrorBody } },
    handler: (request) => curriculum.listModules(db, request.params.id),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/cohorts/:id/modules',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Add a module (audited)', params: IdParams, body: ModuleInput, response: { 201: ModuleView, ...err } },
    handler: async (request, reply) => reply.status(201).send(await curriculum.createModule(db, actorOf(request), request.params.id, request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/modules/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Change a module (audited)', params: IdParams, body: ModulePatch, response: { 200: ModuleView, ...err } },
    handler: (request) => curriculum.patchModule(db, actorOf(request), request.params.id, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/modules/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Delete a module; its sessions stay, outside any module (audited)', params: IdParams, response: { 200: Ok, ...err } },
    handler: async (request) => {
      await curriculum.deleteModule(db, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  });

  // ---- staff: sessions ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id/sessions',
    config: { policy: staffOnly },
    schema: { tags, summary: "A cohort's sessions with lecturers (fee rates) and materials", params: IdParams, response: { 200: SessionList, 400: ErrorBody, 404: ErrorBody } },
    handler: (request) => curriculum.listSessions(db, request.params.id),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/cohorts/:id/sessions',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Add a session, timed or waiting for the timetable (audited)', params: IdParams, body: SessionInput, response: { 201: SessionView, ...err } },
    handler: async (request, reply) => reply.status(201).send(await curriculum.createSession(db, actorOf(request), request.params.id, request.body, now())),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/sessions/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'One session', params: IdParams, response: { 200: SessionView, 400: ErrorBody, 404: ErrorBody } },
    handler: (request) => curriculum.sessionView(db, request.params.id),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/sessions/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Change a session; a new time or place bumps its iCalendar sequence (audited)', params: IdParams, body: SessionPatch, response: { 200: SessionView, ...err } },
    handler: (request) => curriculum.patchSession(db, actorOf(request), request.params.id, request.body, now()),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/sessions/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Delete a session that is not held and has no attendance (audited)', params: IdParams, response: { 200: Ok, ...err } },
    handler: async (request) => {
      await curriculum.deleteSession(db, storage, actorOf(request), request.params.id, logErr(request));
      return { ok: true as const };
    },
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/sessions/:id/held',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: "Mark a session held (once it has started): each lecturer's fee is booked once into the plan's domestic faculty lecture fees line (audited); repeating books nothing twice",
      params: IdParams,
      response: { 200: HeldView, ...err },
    },
    handler: (request) => fees.markHeld(db, actorOf(request), request.params.id, now()),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/sessions/:id/held',
    config: { policy: staffOnly },
    schema: { tags, summary: "Undo 'held': the session's fee bookings are removed (audited)", params: IdParams, response: { 200: HeldView, ...err } },
    handler: (request) => fees.unmarkHeld(db, actorOf(request), request.params.id, now()),
  });

  // ---- staff: lecturers ----
  app.route({
    method: 'POST',
    url: '/api/v1/admin/sessions/:id/lecturers',
    config: { policy: staffOnly },
    schema: { tags, summary: "Add a lecturer: an account holding 'mentor' or an external name, with a fee rate in KRW per session (audited)", params: IdParams, body: LecturerInput, response: { 201: LecturerView, ...err } },
    handler: async (request, reply) => reply.status(201).send(await curriculum.addLecturer(db, actorOf(request), request.params.id, request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/sessions/:id/lecturers/:lecturerId',
    config: { policy: staffOnly },
    schema: { tags, summary: "Change a lecturer's fee rate or external name (audited)", params: LecturerParams, body: LecturerPatch, response: { 200: LecturerView, ...err } },
    handler: (request) => curriculum.patchLecturer(db, actorOf(request), request.params.id, request.params.lecturerId, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/sessions/:id/lecturers/:lecturerId',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Remove a lecturer from a session that is not held (audited)', params: LecturerParams, response: { 200: Ok, ...err } },
    handler: async (request) => {
      await curriculum.removeLecturer(db, actorOf(request), request.params.id, request.params.lecturerId);
      return { ok: true as const };
    },
  });

  // ---- staff: materials ----
  app.route({
    method: 'POST',
    url: '/api/v1/admin/cohorts/:id/materials',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Add a link (http or https) as material of the cohort or of one session (audited)', params: IdParams, body: MaterialLinkInput, response: { 201: MaterialView, ...err } },
    handler: async (request, reply) => reply.status(201).send(await materials.addLink(db, actorOf(request), request.params.id, request.body, now())),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/materials/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: "Change a material's title, link or session (audited)", params: IdParams, body: MaterialPatch, response: { 200: MaterialView, ...err } },
    handler: (request) => materials.patchMaterial(db, actorOf(request), request.params.id, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/materials/:id',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Delete a material, with its file (audited)', params: IdParams, response: { 200: Ok, ...err } },
    handler: async (request) => {
      await materials.deleteMaterial(db, storage, actorOf(request), request.params.id, logErr(request));
      return { ok: true as const };
    },
  });

  withRawUploads(app, config.uploadMaxBytes, (scope) => {
    scope.route({
      method: 'POST',
      url: '/api/v1/admin/cohorts/:id/materials/file',
      config: { policy: staffOnly },
      schema: {
        tags,
        summary: `Upload a material file: the raw bytes as application/octet-stream, the original name URI-encoded in the ${FILE_NAME_HEADER} header. PDF, PNG, JPEG, DOCX, XLSX, PPTX, HWPX or HWP, told from the content (audited)`,
        params: IdParams,
        querystring: MaterialFileQuery,
        response: { 201: MaterialView, 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
      },
      handler: async (request, reply) => {
        const bytes = uploadedBytes(request);
        const material = await materials.uploadFile(db, storage, actorOf(request), {
          cohortId: request.params.id,
          query: request.query,
          name: fileNameOf(request),
          bytes,
          maxBytes: config.uploadMaxBytes,
          now: now(),
          log: logErr(request),
        });
        return reply.status(201).send(material);
      },
    });
  });
}
