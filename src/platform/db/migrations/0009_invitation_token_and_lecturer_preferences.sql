ALTER TABLE "call_reviewer" ADD COLUMN "invite_token_hash" text;--> statement-breakpoint
ALTER TABLE "lecturer_availability" ADD COLUMN "preferred" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "lecturer_availability" ADD COLUMN "avoided" jsonb DEFAULT '[]'::jsonb NOT NULL;