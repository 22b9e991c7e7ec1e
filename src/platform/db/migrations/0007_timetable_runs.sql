CREATE TABLE "timetable_run" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cohort_ids" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"phase" text,
	"progress" jsonb,
	"params" jsonb NOT NULL,
	"result" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"applied_by" uuid
);
--> statement-breakpoint
CREATE INDEX "timetable_run_created_idx" ON "timetable_run" USING btree ("created_at");