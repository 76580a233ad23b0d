-- CreateTable
CREATE TABLE "evidence_log_checks" (
    "stream_id" UUID NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "checked" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "evidence_log_checks_pkey" PRIMARY KEY ("stream_id","day")
);

-- CreateTable
CREATE TABLE "evidence_folder_scans" (
    "bucket" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "regions" TEXT[],
    "scanned_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "evidence_folder_scans_pkey" PRIMARY KEY ("bucket","prefix")
);

-- CreateIndex
CREATE INDEX "evidence_log_checks_account_id_day_idx" ON "evidence_log_checks"("account_id", "day");

-- CreateIndex
CREATE INDEX "evidence_folder_scans_account_id_idx" ON "evidence_folder_scans"("account_id");
