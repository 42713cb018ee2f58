// Usage: HUB_URL=... HF_TOKEN=hf_... NAMESPACE=user node workflows.mjs
// The everyday workflows of @huggingface/hub beyond upload and download: create with files, model and dataset
// info at revisions, snapshot download into a cache directory, paths info, search, branches, commit counts.
// Prints one JSON object with what it saw, or the client's error and exits 1.
import { mkdtemp, readFile, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import {
  createRepo, uploadFiles, modelInfo, datasetInfo, snapshotDownload, pathsInfo, listModels,
  createBranch, deleteBranch, countCommits, listFiles,
} from "@huggingface/hub";

const credentials = { accessToken: process.env.HF_TOKEN, hubUrl: process.env.HUB_URL };
const anonymous = { hubUrl: process.env.HUB_URL };
const namespace = process.env.NAMESPACE;
const model = { type: "model", name: `${namespace}/card-model` };
const hidden = { type: "model", name: `${namespace}/hidden-model` };
const dataset = { type: "dataset", name: `${namespace}/card-data` };
const text = (s) => new Blob([s]);
const report = {};

async function filesUnder(dir) {
  const found = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if ((await stat(path)).isFile()) { // snapshot files are symbolic links into the cache's blobs
      found[relative(dir, path)] = (await readFile(path)).length;
    }
  }
  return found;
}

try {
  const readme = "---\nlicense: mit\nlibrary_name: transformers\npipeline_tag: text-classification\ntags:\n- tiny\n---\n# Card model\n";
  report.created = (await createRepo({
    ...credentials, repo: model,
    files: [{ path: "README.md", content: text(readme) }, { path: "config.json", content: text('{"hidden_size": 8}\n') }],
  })).repoUrl;
  await createRepo({ ...credentials, repo: hidden, private: true });
  await createRepo({ ...credentials, repo: dataset, files: [{ path: "README.md", content: text("---\nlicense: cc-by-4.0\nlanguage:\n- en\n---\n# Data\n") }] });
  report.initialSha = (await modelInfo({ ...credentials, name: model.name, additionalFields: ["sha"] })).sha;
  const upload = await uploadFiles({
    ...credentials, repo: model, commitTitle: "Add weights",
    files: [{ path: "weights/model.bin", content: new Blob([new Uint8Array(2048).fill(7)]) }],
  });
  report.weightsCommit = upload.commit.oid;

  const info = await modelInfo({ ...credentials, name: model.name, additionalFields: ["sha", "tags", "cardData", "library_name", "siblings"] });
  report.modelInfo = { name: info.name, task: info.task, private: info.private, sha: info.sha, tags: info.tags,
    cardData: info.cardData, library: info.library_name, files: info.siblings.map((s) => s.rfilename).sort(),
    lastModified: info.updatedAt instanceof Date && !isNaN(info.updatedAt) };
  const data = await datasetInfo({ ...credentials, name: dataset.name, additionalFields: ["tags", "cardData"] });
  report.datasetInfo = { name: data.name, tags: data.tags, cardData: data.cardData };
  const atDefault = await modelInfo({ ...credentials, name: model.name, revision: "main", additionalFields: ["sha"] });
  report.mainSha = atDefault.sha;

  const cacheDir = await mkdtemp(join(tmpdir(), "hubguard-snapshot-"));
  const snapshot = await snapshotDownload({ ...credentials, repo: model, cacheDir });
  report.snapshot = await filesUnder(snapshot);
  report.snapshotConfig = await readFile(join(snapshot, "config.json"), "utf8");

  const paths = await pathsInfo({ ...credentials, repo: model, paths: ["config.json", "weights/model.bin", "weights", "missing.txt"], expand: true });
  report.pathsInfo = paths.map((p) => ({ path: p.path, type: p.type, size: p.size, lfs: p.lfs ? p.lfs.size : null,
    lastCommit: p.lastCommit ? p.lastCommit.id : null, status: p.securityFileStatus ? p.securityFileStatus.status : null }));

  report.searchAnonymous = [];
  for await (const found of listModels({ ...anonymous, search: { query: namespace } })) {
    report.searchAnonymous.push(found.name);
  }
  report.searchWithToken = [];
  for await (const found of listModels({ ...credentials, search: { query: namespace } })) {
    report.searchWithToken.push(found.name);
  }
  report.searchByTag = [];
  for await (const found of listModels({ ...credentials, search: { owner: namespace, tags: ["license:mit"] } })) {
    report.searchByTag.push(found.name);
  }
  report.firstOfOne = [];
  for await (const found of listModels({ ...credentials, search: { owner: namespace }, limit: 1 })) {
    report.firstOfOne.push(found.name);
  }

  report.commitsOnMain = await countCommits({ ...credentials, repo: model });
  await createBranch({ ...credentials, repo: model, branch: "dev" });
  await createBranch({ ...credentials, repo: model, branch: "feature/old", revision: report.initialSha });
  await createBranch({ ...credentials, repo: model, branch: "scratch", empty: true });
  report.commitsOnDev = await countCommits({ ...credentials, repo: model, revision: "dev" });
  report.commitsOnFeature = await countCommits({ ...credentials, repo: model, revision: "feature/old" });
  report.scratchFiles = [];
  for await (const entry of listFiles({ ...credentials, repo: model, revision: "scratch" })) {
    report.scratchFiles.push(entry.path);
  }
  const devInfo = await modelInfo({ ...credentials, name: model.name, revision: "feature/old", additionalFields: ["sha"] });
  report.featureSha = devInfo.sha;
  await deleteBranch({ ...credentials, repo: model, branch: "feature/old" });
  try {
    await modelInfo({ ...credentials, name: model.name, revision: "feature/old" });
    report.deletedBranchInfo = "found";
  } catch (error) {
    report.deletedBranchInfo = error.statusCode;
  }
  try {
    await createBranch({ ...credentials, repo: model, branch: "dev" });
    report.duplicateBranch = "created";
  } catch (error) {
    report.duplicateBranch = error.statusCode;
  }
  await createBranch({ ...credentials, repo: model, branch: "dev", overwrite: true }); // no revision: left where it is
  report.commitsOnDevKept = await countCommits({ ...credentials, repo: model, revision: "dev" });
  await createBranch({ ...credentials, repo: model, branch: "dev", revision: report.initialSha, overwrite: true });
  report.commitsOnDevMoved = await countCommits({ ...credentials, repo: model, revision: "dev" });
  console.log(JSON.stringify(report));
} catch (error) {
  console.log(JSON.stringify({ ...report, clientError: String(error.message), statusCode: error.statusCode }));
  process.exit(1);
}
