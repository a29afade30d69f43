// Lints Dockerfiles with dockerfile-utils (the checks of the Dockerfile language server): unknown instructions,
// bad flags and arguments, wrong instruction order. It does not look inside RUN scripts.
// usage: node lint-dockerfiles.mjs Dockerfile...    exit 0 when no file has a problem; otherwise prints them, exit 1
import { readFileSync } from 'node:fs';
import { validate, ValidationSeverity } from 'dockerfile-utils';

let problems = 0;
for (const file of process.argv.slice(2)) {
    const text = readFileSync(file, 'utf8');
    for (const diagnostic of validate(text)) {
        problems++;
        const level = diagnostic.severity === ValidationSeverity.ERROR ? 'error' : 'warning';
        console.log(`${file}:${diagnostic.range.start.line + 1}: ${level}: ${diagnostic.message}`);
    }
}
process.exit(problems === 0 ? 0 : 1);
