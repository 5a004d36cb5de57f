// Validates the API responses recorded by the integration tests (one JSON
// line each: method, path, status, content_type, body, test; see
// RecordApiResponse in tests/integration/api_fixture.h) against the OpenAPI
// document: each response must belong to an operation (by path template),
// its status must be documented, its content type declared, and a JSON body
// must match the response schema (JSON Schema 2020-12, as OpenAPI 3.1 uses).
//   node validate-responses.mjs OPENAPI_JSON RESPONSES_DIR
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [docFile, dir] = process.argv.slice(2);
if (!docFile || !dir) {
  console.error("usage: node validate-responses.mjs OPENAPI_JSON RESPONSES_DIR");
  process.exit(2);
}
const doc = JSON.parse(fs.readFileSync(docFile, "utf8"));
const DOC_ID = "https://pineal.invalid/openapi.json";

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat("password", true);
ajv.addSchema({ ...doc, $id: DOC_ID });

const escape = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function resolve(node) {
  let pointer = null;
  while (node && node.$ref) {
    pointer = node.$ref;
    node = pointer.slice(2).split("/").reduce((n, p) => n[p.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return { node, pointer };
}

// Path templates, most literal segments first, so /plans/jetlag wins over
// /plans/{pid} as it does in the router (which registers it first).
// A segment may end in a literal suffix after its parameter: "{token}.ics".
const templates = Object.keys(doc.paths).map((template) => {
  const segments = template.split("/");
  const literal = (s) => s.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
  const regex = new RegExp(
    "^" + segments.map((s) => {
      const param = /^\{[^}]+\}(.*)$/.exec(s);
      return param ? "[^/]+" + literal(param[1]) : literal(s);
    }).join("/") + "$");
  return { template, regex, literal: segments.filter((s) => !s.startsWith("{")).length };
}).sort((a, b) => b.literal - a.literal);

function findOperation(method, p) {
  const matches = templates.filter((t) => t.regex.test(p));
  for (const t of matches) {
    const op = doc.paths[t.template][method];
    if (op) return { template: t.template, op, pathKnown: true };
  }
  return { template: matches[0]?.template, op: null, pathKnown: matches.length > 0 };
}

const validators = new Map();
function validatorFor(pointer) {
  if (!validators.has(pointer)) validators.set(pointer, ajv.compile({ $ref: DOC_ID + "#" + pointer }));
  return validators.get(pointer);
}

const problems = new Map(); // one entry per distinct (operation, status, pointer, message)
function problem(operation, status, pointer, message, record) {
  const key = [operation, status, pointer, message].join("\u0000");
  const p = problems.get(key) ?? { operation, status, pointer, message, count: 0, example: record };
  p.count += 1;
  problems.set(key, p);
}

function validateBody(record, operation, mediaObject, mediaBase, body) {
  if (!mediaObject.schema) return;
  const { pointer: schemaRef } = resolve(mediaObject.schema);
  const pointer = schemaRef ? schemaRef.slice(1) : mediaBase + "/schema";
  const validate = validatorFor(pointer);
  if (!validate(body)) {
    for (const e of validate.errors) {
      const detail = e.params && Object.keys(e.params).length ? " " + JSON.stringify(e.params) : "";
      problem(operation, record.status, e.instancePath || "/", e.message + detail, record);
    }
  }
}

const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort() : [];
let total = 0, routerAnswers = 0;
const seen = new Map(); // "METHOD template" -> Set of statuses
for (const file of files) {
  const lines = fs.readFileSync(path.join(dir, file), "utf8").split("\n").filter(Boolean);
  for (const line of lines) {
    const record = JSON.parse(line);
    total += 1;
    const method = record.method.toLowerCase();
    const { template, op, pathKnown } = findOperation(method, record.path);
    const mediaType = (record.content_type || "").split(";")[0].trim().toLowerCase();
    if (!op) {
      // The router's own answers to requests no operation can describe: a
      // path it does not serve (404) or a method a path does not allow (405).
      const expected = pathKnown ? { status: 405, code: "method_not_allowed" } : { status: 404, code: "not_found" };
      const label = `${record.method} ${pathKnown ? template : record.path}`;
      let body = null;
      try { body = JSON.parse(record.body); } catch { /* reported below */ }
      if (record.status !== expected.status || body?.error?.code !== expected.code) {
        problem(label, record.status, "", "no operation in the document for this request", record);
        continue;
      }
      routerAnswers += 1;
      const validate = validatorFor("/components/schemas/Error");
      if (!validate(body)) {
        for (const e of validate.errors) problem(label, record.status, e.instancePath || "/", e.message, record);
      }
      continue;
    }
    const operation = `${record.method} ${template}`;
    if (!seen.has(operation)) seen.set(operation, new Set());
    seen.get(operation).add(record.status);
    const base = `/paths/${escape(template)}/${method}/responses`;
    const status = String(record.status);
    const key = op.responses[status] ? status : op.responses[status[0] + "XX"] ? status[0] + "XX" : op.responses.default ? "default" : null;
    if (!key) {
      problem(operation, record.status, "", "status not documented for this operation", record);
      continue;
    }
    const { node: response, pointer: responseRef } = resolve(op.responses[key]);
    const responseBase = responseRef ? responseRef.slice(1) : `${base}/${key}`;
    const content = response.content ?? {};
    if (!(mediaType in content)) {
      problem(operation, record.status, "", `content type '${record.content_type}' not documented (has: ${Object.keys(content).join(", ") || "none"})`, record);
      continue;
    }
    let body = record.body;
    if (mediaType === "application/json") {
      try {
        body = JSON.parse(record.body);
      } catch (e) {
        problem(operation, record.status, "", "body is not JSON: " + e.message, record);
        continue;
      }
    }
    validateBody(record, operation, content[mediaType], `${responseBase}/content/${escape(mediaType)}`, body);
  }
}

const operations = [];
for (const [p, item] of Object.entries(doc.paths)) {
  for (const m of METHODS) if (item[m]) operations.push(`${m.toUpperCase()} ${p}`);
}
const untested = operations.filter((o) => !seen.has(o));
console.log(`openapi_responses: ${total} responses from ${files.length} test program(s); ` +
  `${total - routerAnswers} matched to ${seen.size} of ${operations.length} operations, ` +
  `${routerAnswers} router answers (unknown path 404, wrong method 405) checked against Error`);
if (untested.length) console.log(`operations no test response reached (${untested.length}):\n  ` + untested.join("\n  "));

if (total === 0) {
  console.error(`openapi_responses: no responses recorded in ${dir}; run the API tests first (ctest runs them as a fixture)`);
  process.exit(1);
}
if (problems.size) {
  console.error(`\nopenapi_responses: ${problems.size} distinct mismatch(es):`);
  for (const p of problems.values()) {
    const where = p.example.test ? ` (e.g. ${p.example.test}: ${p.example.method} ${p.example.path})` : "";
    console.error(`- ${p.operation} -> ${p.status} at ${p.pointer || "(response)"}: ${p.message}` +
      `${p.count > 1 ? ` [x${p.count}]` : ""}${where}`);
  }
  process.exit(1);
}
console.log("openapi_responses: every recorded response matches the document");
