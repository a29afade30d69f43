package dev.kubenet.common.authclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AuthServiceAddressTest {

    private static AuthServiceAddress resolve(String authAddress, String host, String port) {
        return AuthServiceAddress.resolve(Optional.ofNullable(authAddress), Optional.ofNullable(host),
                Optional.ofNullable(port));
    }

    @ParameterizedTest(name = "AUTH_ADDRESS={0} -> {1}")
    @CsvSource({
            "localhost,            http://localhost",
            "localhost:8070,       http://localhost:8070",
            "10.106.23.46,         http://10.106.23.46",
            "auth-service.default, http://auth-service.default",
            "auth,                 http://auth",
            "auth:80,              http://auth:80",
            "[::1]:8070,           http://[::1]:8070"
    })
    void authAddressIsUsedAsGiven(String authAddress, String expected) {
        AuthServiceAddress address = resolve(authAddress, "10.0.0.1", "80");
        assertEquals(expected, address.uri().toString());
        assertEquals("AUTH_ADDRESS", address.source());
    }

    @Test
    void kubernetesInjectedHostAndPortAreTheFallback() {
        AuthServiceAddress address = resolve(null, "10.96.12.34", "80");
        assertEquals("http://10.96.12.34:80", address.uri().toString());
        assertEquals("AUTH_SERVICE_SERVICE_HOST/_PORT", address.source());
    }

    @Test
    void injectedHostWithoutPortMeansPort80() {
        assertEquals("http://auth:80", resolve(null, "auth", null).uri().toString());
    }

    @Test
    void injectedIpv6ClusterIpIsBracketed() {
        assertEquals("http://[fd00:10:96::1]:80", resolve(null, "fd00:10:96::1", "80").uri().toString());
    }

    @Test
    void blankAuthAddressFallsThroughToInjectedVariables() {
        assertEquals("http://10.96.12.34:8070", resolve("  ", "10.96.12.34", "8070").uri().toString());
    }

    @Test
    void nothingSetMeansLocalhost8070() {
        AuthServiceAddress address = resolve(null, null, null);
        assertEquals("http://localhost:8070", address.uri().toString());
        assertEquals("default", address.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://auth", "auth/path", "auth:notaport", "auth:99999", "user@auth", "auth?x=1", "a b"})
    void anythingButHostAndPortIsRefusedWithTheSettingsName(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve(bad, null, null));
        assertTrue(e.getMessage().startsWith("AUTH_ADDRESS must be a host or host:port"), e.getMessage());
    }

    @Test
    void badInjectedPortNamesTheKubernetesVariables() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(null, "10.0.0.1", "tcp://10.0.0.1:80"));
        assertTrue(e.getMessage().startsWith("AUTH_SERVICE_SERVICE_HOST/_PORT must be"), e.getMessage());
    }
}
