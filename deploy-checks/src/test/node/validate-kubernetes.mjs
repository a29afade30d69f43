// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas, as modelled by kubernetes-models:
// types, required fields, formats and enum values (a Service type "LoadBalancr", an imagePullPolicy "Sometimes").
// It does not reject unknown optional fields; the JUnit test parses every object strictly for that.
// usage: node validate-kubernetes.mjs manifest.yaml...    exit 0 when every object is valid; otherwise prints each problem, exit 1
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
let problems = 0;
const problem = (message) => {
    problems++;
    console.log(message);
};

for (const file of process.argv.slice(2)) {
    for (const document of parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: true })) {
        if (document.errors.length > 0) {
            problem(`${file}: not valid YAML: ${document.errors.map((error) => error.message).join('; ')}`);
            continue;
        }
        const object = document.toJS();
        if (object === null) {
            continue;
        }
        const where = `${file}: ${object.kind}/${object.metadata?.name}`;
        if (object.kind === 'Secret' && object.data) {
            // kustomize folds a long generated value over several lines; the API server's base64 decoding (Go's
            // encoding/base64) skips line breaks, the schema's "byte" format does not: validate the value unfolded.
            for (const key of Object.keys(object.data)) {
                object.data[key] = String(object.data[key]).replace(/\s+/g, '');
            }
        }
        let Model;
        try {
            // kubernetes-models/<group>/<version>/<Kind>, core objects under v1/
            Model = require(`kubernetes-models/${object.apiVersion}/${object.kind}`)[object.kind];
        } catch {
            problem(`${where}: unknown apiVersion/kind ${object.apiVersion}/${object.kind}`);
            continue;
        }
        try {
            new Model(object).validate();
        } catch (error) {
            problem(`${where}: ${error.message}`);
        }
    }
}
process.exit(problems === 0 ? 0 : 1);
