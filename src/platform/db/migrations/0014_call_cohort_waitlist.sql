ALTER TABLE "call" ADD COLUMN "waitlist_size" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_call_uq" ON "cohort" USING btree ("call_id") WHERE "cohort"."call_id" is not null;