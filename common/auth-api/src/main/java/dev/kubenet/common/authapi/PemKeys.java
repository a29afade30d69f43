package dev.kubenet.common.authapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * EC keys in the PEM files that {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256} (PKCS #8,
 * {@code PRIVATE KEY}) and {@code openssl pkey -pubout} ({@code PUBLIC KEY}) write, which is what scripts/secrets.sh
 * makes and Kubernetes Secrets or Compose secrets then hold.
 */
public final class PemKeys {

    private PemKeys() {
    }

    public static PrivateKey privateKey(String pem, String source) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY", source)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(source + " is not an EC private key", e);
        }
    }

    public static PublicKey publicKey(String pem, String source) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY", source)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(source + " is not an EC public key", e);
        }
    }

    /** A development key file of the repository ({@link CallerAssertion#DEVELOPMENT_KEYS}), if there is one. */
    public static Optional<String> developmentKey(String fileName) {
        try (InputStream in = PemKeys.class.getClassLoader()
                .getResourceAsStream(CallerAssertion.DEVELOPMENT_KEYS + fileName)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] der(String pem, String type, String source) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(source + " holds no PEM '" + type + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid PEM", e);
        }
    }
}
