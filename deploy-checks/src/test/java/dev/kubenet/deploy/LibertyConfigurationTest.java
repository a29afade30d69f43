package dev.kubenet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What the Java services' servers share is said once, in common/liberty/service.xml, which each server.xml includes
 * from Liberty's shared configuration folder; a server.xml adds only what is its own.
 */
class LibertyConfigurationTest {

    private static final String SHARED = "common/liberty/service.xml";
    private static final Pattern FEATURE = Pattern.compile("<feature>([^<]+)</feature>");
    private static final Pattern VARIABLE = Pattern.compile("<variable name=\"([^\"]+)\"");
    private static final List<String> JAVA_SERVICES = Repository.javaServices();

    @ParameterizedTest
    @FieldSource("JAVA_SERVICES")
    void everyServerIncludesTheSharedConfigurationAndRepeatsNothingOfIt(String service) {
        String serverXml = Repository.read(service + "/src/main/liberty/config/server.xml");
        String shared = Repository.read(SHARED);
        assertTrue(serverXml.contains("<include location=\"${shared.config.dir}/service.xml\"/>"),
                service + "'s server.xml includes " + SHARED);
        Set<String> repeated = new LinkedHashSet<>(all(FEATURE, serverXml));
        repeated.retainAll(all(FEATURE, shared));
        Set<String> repeatedVariables = new LinkedHashSet<>(all(VARIABLE, serverXml));
        repeatedVariables.retainAll(all(VARIABLE, shared));
        repeated.addAll(repeatedVariables);
        assertEquals(Set.of(), repeated, service + "'s server.xml repeats what " + SHARED + " has");
    }

    /** What differs from one service to the next is in each server.xml, not in the shared file. */
    @Test
    void theSharedConfigurationLeavesEachServiceItsPortAndDatabase() {
        Set<String> variables = all(VARIABLE, Repository.read(SHARED));
        assertTrue(!variables.contains("http.port") && !variables.contains("db.url"), SHARED + " defines " + variables);
        for (String service : JAVA_SERVICES) {
            Set<String> own = all(VARIABLE, Repository.read(service + "/src/main/liberty/config/server.xml"));
            assertTrue(own.containsAll(Set.of("http.port", "db.url")), service + "'s server.xml defines " + own);
        }
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
