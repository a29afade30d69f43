package dev.kubenet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two offline validators that stand in for a cluster's API server, shown to reject what an API server would:
 * without this, a validator that silently accepted everything would pass every manifest.
 */
class KubernetesValidatorsTest {

    private static final String VALID = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: kubenet-liberty/demo:1.0.0
                      imagePullPolicy: IfNotPresent
                      ports: [{containerPort: 8080, name: http}]
                      resources:
                        limits: {memory: 512Mi}
            """;

    @TempDir
    Path folder;

    @Test
    void aValidManifestPassesBoth() throws IOException {
        Path file = write(VALID);
        assertNull(Manifests.objectsIn(file).get(0).strictReadingProblem());
        Command schema = Manifests.schemaValidation(List.of(file));
        assertEquals(0, schema.exitCode(), schema.output());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a misspelt field             | 'imagePullPolicy: IfNotPresent' | 'imagePulPolicy: IfNotPresent'",
            "a misspelt pod field         | '      containers:'              | '      restartPolcy: Always\n      containers:'",
            "a wrong type                 | 'containerPort: 8080'           | 'containerPort: [8080]'",
            "a bad quantity               | 'memory: 512Mi'                 | 'memory: 512 MB'",
    })
    void theStrictReadingRejects(String what, String from, String to) throws IOException {
        Path file = write(VALID.replace(from, to));
        String problem = Manifests.objectsIn(file).get(0).strictReadingProblem();
        assertTrue(problem != null, what + " must be rejected");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an unknown enum value  | 'imagePullPolicy: IfNotPresent' | 'imagePullPolicy: Sometimes'",
            "a wrong type           | 'containerPort: 8080'           | 'containerPort: eighty'",
            "an unknown kind        | 'kind: Deployment'              | 'kind: Deploymnet'",
            "a missing required one | '    - name: demo'               | '    - nam: demo'",
    })
    void theSchemaValidationRejects(String what, String from, String to) throws IOException {
        Command schema = Manifests.schemaValidation(List.of(write(VALID.replace(from, to))));
        assertNotEquals(0, schema.exitCode(), what + " must be rejected: " + schema.output());
    }

    private Path write(String manifest) throws IOException {
        return Files.writeString(folder.resolve("manifest.yaml"), manifest);
    }
}
