CREATE TYPE "public"."ledger_account_kind" AS ENUM('bank', 'tenant', 'housing_benefit', 'landlord', 'income', 'expense', 'iml_cost', 'suspense');--> statement-breakpoint
CREATE TYPE "public"."iml_cost_category" AS ENUM('repairs', 'vacancy', 'unpaid_rent', 'furnishing', 'utilities', 'rent_complement', 'guarantee');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('transfer', 'direct_debit', 'cheque', 'cash', 'housing_benefit');--> statement-breakpoint
CREATE TYPE "public"."ledger_transaction_kind" AS ENUM('rent_call', 'head_lease_rent', 'payment', 'housing_benefit_receipt', 'cost', 'rent_complement', 'write_off', 'guarantee_payout', 'landlord_payout', 'reversal');--> statement-breakpoint
CREATE TABLE "bank_statement_lines" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"booked_on" date NOT NULL,
	"label" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"status" text NOT NULL,
	"matched_lease_id" uuid,
	"matched_by" text,
	"transaction_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_statement_lines_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "caf_arrears_reports" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lease_id" uuid NOT NULL,
	"threshold_reached_on" date NOT NULL,
	"reported_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "caf_arrears_reports_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "cost_budgets" (
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"category" "iml_cost_category" NOT NULL,
	"amount_cents" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cost_budgets_organisation_id_year_category_pk" PRIMARY KEY("organisation_id","year","category"),
	CONSTRAINT "cost_budgets_non_negative" CHECK ("cost_budgets"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_organisation_id_key_pk" PRIMARY KEY("organisation_id","key")
);
--> statement-breakpoint
CREATE TABLE "irl_indices" (
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"value_hundredths" integer NOT NULL,
	"published_on" date NOT NULL,
	CONSTRAINT "irl_indices_organisation_id_year_quarter_pk" PRIMARY KEY("organisation_id","year","quarter"),
	CONSTRAINT "irl_indices_quarter" CHECK ("irl_indices"."quarter" between 1 and 4),
	CONSTRAINT "irl_indices_positive" CHECK ("irl_indices"."value_hundredths" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" "ledger_account_kind" NOT NULL,
	"name" text NOT NULL,
	"person_id" uuid,
	"landlord_id" uuid,
	"cost_category" "iml_cost_category",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"transaction_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"debit_cents" integer DEFAULT 0 NOT NULL,
	"credit_cents" integer DEFAULT 0 NOT NULL,
	"lease_id" uuid,
	CONSTRAINT "ledger_entries_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "ledger_entries_one_side" CHECK ("ledger_entries"."debit_cents" >= 0 and "ledger_entries"."credit_cents" >= 0 and ("ledger_entries"."debit_cents" = 0) <> ("ledger_entries"."credit_cents" = 0))
);
--> statement-breakpoint
CREATE TABLE "ledger_transactions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" "ledger_transaction_kind" NOT NULL,
	"occurred_on" date NOT NULL,
	"label" text NOT NULL,
	"lease_id" uuid,
	"person_id" uuid,
	"unit_id" uuid,
	"landlord_id" uuid,
	"cost_category" "iml_cost_category",
	"method" "payment_method",
	"external_reference" text,
	"period_start" date,
	"period_end" date,
	"reverses_transaction_id" uuid,
	"created_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_transactions_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "rent_calls" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lease_id" uuid NOT NULL,
	"lease_kind" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"person_id" uuid,
	"landlord_id" uuid,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"rent_cents" integer NOT NULL,
	"charges_cents" integer NOT NULL,
	"housing_benefit_cents" integer NOT NULL,
	"tenant_part_cents" integer NOT NULL,
	"vacant_days" integer DEFAULT 0 NOT NULL,
	"vacancy_cost_cents" integer DEFAULT 0 NOT NULL,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rent_calls_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "rent_calls_split" CHECK ("rent_calls"."housing_benefit_cents" >= 0 and "rent_calls"."tenant_part_cents" >= 0 and "rent_calls"."housing_benefit_cents" + "rent_calls"."tenant_part_cents" = "rent_calls"."rent_cents" + "rent_calls"."charges_cents")
);
--> statement-breakpoint
CREATE TABLE "rent_receipts" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"lease_id" uuid NOT NULL,
	"person_id" uuid,
	"rent_call_id" uuid,
	"transaction_id" uuid,
	"period_start" date,
	"period_end" date,
	"rent_cents" integer,
	"charges_cents" integer,
	"amount_cents" integer NOT NULL,
	"issued_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rent_receipts_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "rent_revisions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lease_id" uuid NOT NULL,
	"anniversary_on" date NOT NULL,
	"previous_rent_cents" integer NOT NULL,
	"new_rent_cents" integer NOT NULL,
	"irl_year" integer NOT NULL,
	"irl_quarter" integer NOT NULL,
	"irl_new_hundredths" integer NOT NULL,
	"irl_old_hundredths" integer NOT NULL,
	"requested_on" date,
	"effective_from" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rent_revisions_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "repayment_plans" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lease_id" uuid NOT NULL,
	"start_on" date NOT NULL,
	"debt_cents" integer NOT NULL,
	"instalments" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repayment_plans_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "bank_statement_lines" ADD CONSTRAINT "bank_statement_lines_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caf_arrears_reports" ADD CONSTRAINT "caf_arrears_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_organisation_id_transaction_id_ledger_transactions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","transaction_id") REFERENCES "public"."ledger_transactions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_organisation_id_account_id_ledger_accounts_organisation_id_id_fk" FOREIGN KEY ("organisation_id","account_id") REFERENCES "public"."ledger_accounts"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_organisation_id_reverses_transaction_id_ledger_transactions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","reverses_transaction_id") REFERENCES "public"."ledger_transactions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rent_calls" ADD CONSTRAINT "rent_calls_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rent_calls" ADD CONSTRAINT "rent_calls_organisation_id_lease_id_leases_organisation_id_id_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."leases"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rent_calls" ADD CONSTRAINT "rent_calls_organisation_id_transaction_id_ledger_transactions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","transaction_id") REFERENCES "public"."ledger_transactions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rent_receipts" ADD CONSTRAINT "rent_receipts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rent_revisions" ADD CONSTRAINT "rent_revisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rent_revisions" ADD CONSTRAINT "rent_revisions_organisation_id_lease_id_leases_organisation_id_id_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."leases"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_plans" ADD CONSTRAINT "repayment_plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_plans" ADD CONSTRAINT "repayment_plans_organisation_id_lease_id_leases_organisation_id_id_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."leases"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_statement_lines_status_idx" ON "bank_statement_lines" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "caf_arrears_reports_uq" ON "caf_arrears_reports" USING btree ("organisation_id","lease_id","threshold_reached_on");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_code_uq" ON "ledger_accounts" USING btree ("organisation_id","code");--> statement-breakpoint
CREATE INDEX "ledger_entries_transaction_idx" ON "ledger_entries" USING btree ("organisation_id","transaction_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("organisation_id","account_id","lease_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transactions_reversal_uq" ON "ledger_transactions" USING btree ("organisation_id","reverses_transaction_id") WHERE "ledger_transactions"."reverses_transaction_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transactions_complement_uq" ON "ledger_transactions" USING btree ("organisation_id","lease_id","period_start") WHERE "ledger_transactions"."kind" = 'rent_complement';--> statement-breakpoint
CREATE INDEX "ledger_transactions_date_idx" ON "ledger_transactions" USING btree ("organisation_id","occurred_on");--> statement-breakpoint
CREATE INDEX "ledger_transactions_lease_idx" ON "ledger_transactions" USING btree ("organisation_id","lease_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rent_calls_lease_period_uq" ON "rent_calls" USING btree ("organisation_id","lease_id","period_start");--> statement-breakpoint
CREATE INDEX "rent_calls_period_idx" ON "rent_calls" USING btree ("organisation_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "rent_receipts_quittance_uq" ON "rent_receipts" USING btree ("organisation_id","rent_call_id") WHERE "rent_receipts"."kind" = 'quittance';--> statement-breakpoint
CREATE INDEX "rent_receipts_lease_idx" ON "rent_receipts" USING btree ("organisation_id","lease_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rent_revisions_lease_anniversary_uq" ON "rent_revisions" USING btree ("organisation_id","lease_id","anniversary_on");