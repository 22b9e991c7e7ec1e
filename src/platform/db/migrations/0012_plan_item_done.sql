ALTER TABLE "milestone" ADD COLUMN "done" boolean;--> statement-breakpoint
ALTER TABLE "work_package" ADD COLUMN "done" boolean;