CREATE TABLE "lecturer_availability" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"weekly" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unavailable_dates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lecturer_availability" ADD CONSTRAINT "lecturer_availability_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;