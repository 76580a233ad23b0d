-- CreateTable
CREATE TABLE "evidence_streams" (
    "id" UUID NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "trail_arn" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "folder" TEXT NOT NULL,
    "bucket_owner" VARCHAR(12),
    "last_key" TEXT,
    "tip" JSONB,
    "digests" INTEGER NOT NULL DEFAULT 0,
    "valid" INTEGER NOT NULL DEFAULT 0,
    "unverifiable" INTEGER NOT NULL DEFAULT 0,
    "log_files_checked" INTEGER NOT NULL DEFAULT 0,
    "log_files_listed" INTEGER NOT NULL DEFAULT 0,
    "last_read_at" TIMESTAMP(3),
    "last_error" TEXT,

    CONSTRAINT "evidence_streams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence_intervals" (
    "stream_id" UUID NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "start_at" TIMESTAMP(3) NOT NULL,
    "end_at" TIMESTAMP(3) NOT NULL,
    "files" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "evidence_intervals_pkey" PRIMARY KEY ("stream_id","start_at")
);

-- CreateTable
CREATE TABLE "evidence_issues" (
    "id" BIGSERIAL NOT NULL,
    "stream_id" UUID NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "start_at" TIMESTAMP(3),
    "end_at" TIMESTAMP(3),
    "detected_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_issues_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "evidence_streams_account_id_idx" ON "evidence_streams"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_streams_account_id_region_trail_arn_kind_key" ON "evidence_streams"("account_id", "region", "trail_arn", "kind");

-- CreateIndex
CREATE INDEX "evidence_intervals_account_id_region_end_at_idx" ON "evidence_intervals"("account_id", "region", "end_at");

-- CreateIndex
CREATE INDEX "evidence_issues_account_id_region_idx" ON "evidence_issues"("account_id", "region");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_issues_stream_id_key_reason_key" ON "evidence_issues"("stream_id", "key", "reason");
