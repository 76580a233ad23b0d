// Lists one region folder of a trail's bucket from a key on: ListObjectsV2 with Prefix and
// StartAfter, 1,000 keys a page, streamed (a year of hourly digests never sits in memory).
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

export interface ListedKey {
  key: string;
  size: number;
}

export async function* listRecordKeys(
  s3: S3Client,
  bucket: string,
  prefix: string,
  startAfter: string | undefined,
  onCall: () => void,
  /** The bucket's owner as the snapshot found it: S3 refuses (403) a bucket another account owns. */
  expectedOwner?: string,
): AsyncGenerator<ListedKey[]> {
  let token: string | undefined;
  do {
    onCall();
    const out = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        StartAfter: token ? undefined : startAfter,
        ContinuationToken: token,
        ExpectedBucketOwner: expectedOwner,
      }),
    );
    const page = (out.Contents ?? []).flatMap((o) => (o.Key ? [{ key: o.Key, size: o.Size ?? 0 }] : []));
    if (page.length) yield page;
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
}
