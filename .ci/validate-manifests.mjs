// Validates rendered Helm output: every object against its Kubernetes schema (the npm package
// kubernetes-models), the Prometheus Operator's (@kubernetes-models/prometheus-operator) or
// Strimzi's KafkaTopic (.ci/schemas), the Pod Security "restricted" profile on every pod template,
// and, given several renders, that no two releases create an object of the same kind and name.
// Usage: node validate-manifests.mjs RENDER.yaml [RENDER.yaml...]   (run from the npm cache dir)
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const here = new URL(".", import.meta.url);
const kafkaTopicSchema = JSON.parse(readFileSync(new URL("schemas/kafkatopic.schema.json", here), "utf8"));
const validateKafkaTopic = new Ajv({ allErrors: true, strict: false }).compile(kafkaTopicSchema);

// apiVersion/kind -> module of its model. A kind the chart starts to render must be added here.
const MODELS = {
  "v1/ConfigMap": "kubernetes-models/v1/ConfigMap",
  "v1/Service": "kubernetes-models/v1/Service",
  "v1/ServiceAccount": "kubernetes-models/v1/ServiceAccount",
  "apps/v1/Deployment": "kubernetes-models/apps/v1/Deployment",
  "apps/v1/StatefulSet": "kubernetes-models/apps/v1/StatefulSet",
  "apps/v1/DaemonSet": "kubernetes-models/apps/v1/DaemonSet",
  "policy/v1/PodDisruptionBudget": "kubernetes-models/policy/v1/PodDisruptionBudget",
  "monitoring.coreos.com/v1/ServiceMonitor": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor",
  "monitoring.coreos.com/v1/PrometheusRule": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule",
};
const ALLOWED_VOLUMES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

const problems = [];
let count = 0;
const namesByRender = [];

/** The restricted profile (Kubernetes Pod Security Standards, v1.25+), plus a read-only root file system. */
function checkRestricted(where, pod) {
  const bad = (what) => problems.push(`${where}: ${what}`);
  const psc = pod.securityContext ?? {};
  for (const f of ["hostNetwork", "hostPID", "hostIPC"]) if (pod[f]) bad(`${f} is set`);
  for (const v of pod.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== "name");
    if (!ALLOWED_VOLUMES.includes(type)) bad(`volume ${v.name} is of type ${type}`);
  }
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const sc = c.securityContext ?? {};
    const at = `container ${c.name}`;
    if (sc.privileged) bad(`${at}: privileged`);
    if (sc.allowPrivilegeEscalation !== false) bad(`${at}: allowPrivilegeEscalation must be false`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) bad(`${at}: capabilities.drop must include ALL`);
    for (const cap of sc.capabilities?.add ?? []) if (cap !== "NET_BIND_SERVICE") bad(`${at}: adds capability ${cap}`);
    if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) bad(`${at}: runAsNonRoot must be true`);
    if ((sc.runAsUser ?? psc.runAsUser) === 0) bad(`${at}: runs as uid 0`);
    const seccomp = (sc.seccompProfile ?? psc.seccompProfile)?.type;
    if (!["RuntimeDefault", "Localhost"].includes(seccomp)) bad(`${at}: seccompProfile must be RuntimeDefault or Localhost, is ${seccomp}`);
    if (sc.readOnlyRootFilesystem !== true) bad(`${at}: readOnlyRootFilesystem must be true`);
    for (const p of c.ports ?? []) if (p.hostPort) bad(`${at}: hostPort ${p.hostPort}`);
  }
}

for (const file of process.argv.slice(2)) {
  const names = new Map();
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) { problems.push(`${file}: YAML: ${doc.errors[0].message}`); continue; }
    const obj = doc.toJS();
    if (obj == null) continue;
    count++;
    const id = `${obj.kind}/${obj.metadata?.name}`;
    const where = `${file}: ${id}`;
    names.set(id, where);
    if (obj.kind === "KafkaTopic") {
      if (!validateKafkaTopic(obj)) for (const e of validateKafkaTopic.errors) problems.push(`${where}: ${e.instancePath} ${e.message}`);
    } else {
      const model = MODELS[`${obj.apiVersion}/${obj.kind}`];
      if (!model) { problems.push(`${where}: no schema known for ${obj.apiVersion} ${obj.kind} (add it to .ci/validate-manifests.mjs)`); continue; }
      const Model = Object.values(await import(model))[0];
      try { new Model(obj).validate(); } catch (e) { problems.push(`${where}: ${e.message}`); }
    }
    for (const l of ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart"]) {
      if (!obj.metadata?.labels?.[l]) problems.push(`${where}: no label ${l}`);
    }
    const pod = obj.spec?.template?.spec;
    if (pod) checkRestricted(where, pod);
  }
  namesByRender.push(names);
}
for (let i = 0; i < namesByRender.length; i++) {
  for (let j = i + 1; j < namesByRender.length; j++) {
    for (const [id, where] of namesByRender[i]) {
      if (namesByRender[j].has(id)) problems.push(`name collision: ${where} and ${namesByRender[j].get(id)}`);
    }
  }
}
if (problems.length) {
  console.error(problems.map((p) => `  ${p}`).join("\n"));
  console.error(`manifests: ${problems.length} problem(s) in ${count} objects`);
  process.exit(1);
}
console.log(`manifests: ${count} objects valid (Kubernetes, Prometheus Operator and Strimzi schemas, Pod Security restricted), ${namesByRender.length} render(s) without a name collision`);
