-- CreateTable
CREATE TABLE "coverage_gaps" (
    "account_id" VARCHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "start_at" TIMESTAMP(3) NOT NULL,
    "end_at" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "start_bound" TEXT NOT NULL,
    "end_bound" TEXT NOT NULL,

    CONSTRAINT "coverage_gaps_pkey" PRIMARY KEY ("account_id","region","start_at")
);

-- CreateTable
CREATE TABLE "coverage_builds" (
    "account_id" VARCHAR(12) NOT NULL,
    "rule_version" INTEGER NOT NULL,
    "built_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "snapshot_count" INTEGER NOT NULL,
    "first_good_at" TIMESTAMP(3),
    "last_good_at" TIMESTAMP(3),
    "evidence_to" TIMESTAMP(3),
    "regions" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "coverage_builds_pkey" PRIMARY KEY ("account_id")
);

-- CreateIndex
CREATE INDEX "coverage_gaps_end_at_idx" ON "coverage_gaps"("end_at");

-- AddForeignKey
ALTER TABLE "coverage_gaps" ADD CONSTRAINT "coverage_gaps_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "aws_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coverage_builds" ADD CONSTRAINT "coverage_builds_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "aws_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
