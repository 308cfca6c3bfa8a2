// Validates Teams manifest documents against Microsoft's JSON schemas, offline, with the
// validator of npm @microsoft/app-manifest (AppManifestUtils.validateAgainstSchema).
//
// Usage: node validate_schema.cjs <tools folder>   (the folder holding node_modules)
// Standard input:  {"<name>": <document>, ...}; each document names its schema in "$schema".
// Standard output: {"<name>": ["<error>", ...], ...}; an empty list means valid.
//
// The schema is read from the package's own copy (build/json-schemas/...). It is passed to the
// validator explicitly: given none, the package would download a schema it does not carry.
//
// Microsoft's v1.30 localization schema has a pattern (`...\b]\.description$`) that is valid
// JavaScript but not in the Unicode mode the package's Ajv compiles patterns in, so that schema
// cannot be compiled there. For such a schema the same validator is built as the package builds
// it (ajv-draft-04 and ajv-formats, its own dependencies, same options) with Unicode mode off,
// which reads those patterns as JavaScript does.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");

const SCHEMA_HOST = "https://developer.microsoft.com/";

async function main() {
  const tools = process.argv[2];
  const toolsRequire = createRequire(path.join(path.resolve(tools), "package.json"));
  const { AppManifestUtils } = toolsRequire("@microsoft/app-manifest");
  const packageRoot = path.dirname(toolsRequire.resolve("@microsoft/app-manifest/package.json"));
  const packageRequire = createRequire(path.join(packageRoot, "package.json"));
  const documents = JSON.parse(fs.readFileSync(0, "utf8"));
  const results = {};
  for (const [name, document] of Object.entries(documents)) {
    const url = document["$schema"];
    if (typeof url !== "string" || !url.startsWith(SCHEMA_HOST + "json-schemas/")) {
      results[name] = [`$schema must be a ${SCHEMA_HOST}json-schemas/ address, is ${url}`];
      continue;
    }
    const file = path.join(packageRoot, "build", url.substring(SCHEMA_HOST.length));
    if (!fs.existsSync(file)) {
      results[name] = [`@microsoft/app-manifest carries no schema for ${url}`];
      continue;
    }
    const schema = JSON.parse(fs.readFileSync(file, "utf8"));
    try {
      results[name] = await AppManifestUtils.validateAgainstSchema(document, schema);
    } catch (error) {
      if (!(error instanceof SyntaxError && /regular expression/i.test(error.message))) {
        throw error;
      }
      results[name] = withoutUnicodePatterns(packageRequire, schema, document);
    }
  }
  process.stdout.write(JSON.stringify(results));
}

function withoutUnicodePatterns(packageRequire, schema, document) {
  const Ajv = packageRequire("ajv-draft-04");
  const addFormats = packageRequire("ajv-formats");
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(schema);
  if (validate(document)) {
    return [];
  }
  return validate.errors.map(
    (error) => `${error.instancePath} ${error.message || ""}. Details: ${JSON.stringify(error.params)}`,
  );
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
