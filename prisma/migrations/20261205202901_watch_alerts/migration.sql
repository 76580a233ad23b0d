-- CreateTable
CREATE TABLE "watch_states" (
    "account_id" VARCHAR(12) NOT NULL,
    "trails" JSONB NOT NULL DEFAULT '[]',
    "snapshot_id" UUID,
    "watermarks" JSONB NOT NULL DEFAULT '{}',
    "checked_at" TIMESTAMP(3),
    "changed_at" TIMESTAMP(3),
    "api_calls" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watch_states_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "watch_rounds" (
    "id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "accounts_total" INTEGER NOT NULL DEFAULT 0,
    "accounts_done" INTEGER NOT NULL DEFAULT 0,
    "changed" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "failed" INTEGER NOT NULL DEFAULT 0,
    "api_calls" INTEGER NOT NULL DEFAULT 0,
    "batches_total" INTEGER NOT NULL DEFAULT 0,
    "batches_done" INTEGER NOT NULL DEFAULT 0,
    "done_batches" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "watch_rounds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trail_events" (
    "event_id" TEXT NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "event_time" TIMESTAMP(3) NOT NULL,
    "actor_arn" TEXT,
    "source_ip" TEXT,
    "trail_arn" TEXT,
    "error_code" TEXT,
    "request_parameters" JSONB,
    "read_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trail_events_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "alert_rules" (
    "id" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "threshold" INTEGER NOT NULL DEFAULT 3,
    "destination_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT,

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_destinations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL,
    "secret" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_destinations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "rule_id" TEXT NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "control_id" TEXT,
    "trail_arn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'firing',
    "firing_key" TEXT,
    "summary" TEXT NOT NULL,
    "actor" JSONB,
    "detected_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMP(3),
    "resolved_summary" TEXT,
    "snapshot_id" UUID,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_deliveries" (
    "id" UUID NOT NULL,
    "alert_id" UUID,
    "destination_id" TEXT NOT NULL,
    "destination_name" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "watch_rounds_started_at_idx" ON "watch_rounds"("started_at");

-- CreateIndex
CREATE INDEX "trail_events_account_id_event_time_idx" ON "trail_events"("account_id", "event_time" DESC);

-- CreateIndex
CREATE INDEX "trail_events_trail_arn_event_time_idx" ON "trail_events"("trail_arn", "event_time" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "alerts_firing_key_key" ON "alerts"("firing_key");

-- CreateIndex
CREATE INDEX "alerts_status_detected_at_idx" ON "alerts"("status", "detected_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_account_id_idx" ON "alerts"("account_id");

-- CreateIndex
CREATE INDEX "alert_deliveries_alert_id_idx" ON "alert_deliveries"("alert_id");

-- CreateIndex
CREATE INDEX "alert_deliveries_created_at_idx" ON "alert_deliveries"("created_at" DESC);

-- AddForeignKey
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

