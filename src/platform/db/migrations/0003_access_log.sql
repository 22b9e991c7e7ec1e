CREATE TABLE "access_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ip" text,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"subject_count" integer NOT NULL,
	"reason" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "access_log_action_chk" CHECK ("access_log"."action" in ('view', 'download', 'edit', 'delete')),
	CONSTRAINT "access_log_download_reason_chk" CHECK ("access_log"."action" <> 'download' or coalesce(length(trim("access_log"."reason")), 0) > 0)
);
--> statement-breakpoint
CREATE INDEX "access_log_at_idx" ON "access_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "access_log_actor_idx" ON "access_log" USING btree ("actor_id","at");