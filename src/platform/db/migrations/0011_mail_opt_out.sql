CREATE TABLE "mail_opt_out" (
	"email" text NOT NULL,
	"category" text NOT NULL,
	"user_id" uuid,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_opt_out_pk" PRIMARY KEY("email","category")
);
