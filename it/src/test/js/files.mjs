// Usage: HUB_URL=... HF_TOKEN=hf_... REPO=namespace/name node files.mjs
// Creates the model repository, uploads files, lists, downloads and checks them, deletes one file,
// deletes the repository; prints one JSON object with what it saw, or the client's error and exits 1.
import { createRepo, uploadFiles, listFiles, downloadFile, fileExists, deleteFile, deleteRepo } from "@huggingface/hub";

const credentials = { accessToken: process.env.HF_TOKEN, hubUrl: process.env.HUB_URL };
const repo = { type: "model", name: process.env.REPO };
const report = {};

try {
  report.created = (await createRepo({ ...credentials, repo, private: true })).repoUrl;
  const upload = await uploadFiles({
    ...credentials,
    repo,
    commitTitle: "Upload config and weights",
    files: [
      { path: "config.json", content: new Blob(['{"architectures": ["TinyModel"]}\n']) },
      { path: "weights/part-1.bin", content: new Blob([new Uint8Array([0, 1, 2, 3, 254, 255])]) },
      { path: "README.md", content: new Blob(["# Tiny model\n"]) },
    ],
  });
  report.commitOid = upload.commit.oid;
  report.files = [];
  for await (const entry of listFiles({ ...credentials, repo, recursive: true })) {
    report.files.push(`${entry.type}:${entry.path}:${entry.size}`);
  }
  report.config = await (await downloadFile({ ...credentials, repo, path: "config.json" })).text();
  report.weights = Array.from(new Uint8Array(await (await downloadFile({ ...credentials, repo, path: "weights/part-1.bin" })).arrayBuffer()));
  report.readmeExists = await fileExists({ ...credentials, repo, path: "README.md" });
  report.missingExists = await fileExists({ ...credentials, repo, path: "nope.txt" });
  report.missingDownload = await downloadFile({ ...credentials, repo, path: "nope.txt" });
  await deleteFile({ ...credentials, repo, path: "README.md" });
  report.readmeAfterDelete = await fileExists({ ...credentials, repo, path: "README.md" });
  await deleteRepo({ ...credentials, repo });
  report.deleted = true;
  console.log(JSON.stringify(report));
} catch (error) {
  console.log(JSON.stringify({ ...report, clientError: String(error.message), statusCode: error.statusCode }));
  process.exit(1);
}
