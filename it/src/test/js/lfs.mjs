// Usage: HUB_URL=... HF_TOKEN=hf_... REPO=namespace/name SIZE_MB=60 node lfs.mjs
// Uploads one large random file with uploadFile (hubguard answers "lfs" at preupload and "basic" in the LFS
// batch, so the client takes the LFS path), lists it, downloads it and compares SHA-256 digests.
import { createHash, randomBytes } from "node:crypto";
import { createRepo, uploadFile, listFiles, downloadFile, deleteRepo } from "@huggingface/hub";

const credentials = { accessToken: process.env.HF_TOKEN, hubUrl: process.env.HUB_URL };
const repo = { type: "model", name: process.env.REPO };
const size = Number(process.env.SIZE_MB || 60) * 1024 * 1024;
const report = {};

try {
  await createRepo({ ...credentials, repo });
  const content = randomBytes(size);
  report.sha256 = createHash("sha256").update(content).digest("hex");
  const upload = await uploadFile({ ...credentials, repo, file: { path: "weights/model.bin", content: new Blob([content]) } });
  report.commitOid = upload.commit.oid;
  report.files = [];
  for await (const entry of listFiles({ ...credentials, repo, recursive: true })) {
    report.files.push({ path: entry.path, size: entry.size, lfs: entry.lfs ? entry.lfs.oid : null });
  }
  const blob = await downloadFile({ ...credentials, repo, path: "weights/model.bin" });
  const downloaded = Buffer.from(await blob.arrayBuffer());
  report.downloadedSize = downloaded.length;
  report.downloadedSha256 = createHash("sha256").update(downloaded).digest("hex");
  await deleteRepo({ ...credentials, repo });
  console.log(JSON.stringify(report));
} catch (error) {
  console.log(JSON.stringify({ ...report, clientError: String(error.message), statusCode: error.statusCode }));
  process.exit(1);
}
