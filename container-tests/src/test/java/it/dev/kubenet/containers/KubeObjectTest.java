package it.dev.kubenet.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The one reading of memory quantities, for the manifests' requests and limits and for what podman measures. */
class KubeObjectTest {

    @Test
    void kubernetesQuantitiesInBinaryAndDecimalUnits() {
        assertEquals(448L << 20, KubeObject.bytes("448Mi"));
        assertEquals(2L << 30, KubeObject.bytes("2Gi"));
        assertEquals(1_000_000_000L, KubeObject.bytes("1G"));
        assertEquals(512_000L, KubeObject.bytes("512k"));
        assertEquals(1024L, KubeObject.bytes("1024"));
    }

    @Test
    void podmansFiguresWithAFractionAndAB() {
        assertEquals(215_300_000L, KubeObject.bytes("215.3MB"));
        assertEquals(900_000L, KubeObject.bytes("900kB"));
        assertEquals(1_500_000_000L, KubeObject.bytes("1.5GB"));
        assertEquals(12L, KubeObject.bytes("12B"));
    }

    @Test
    void anythingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KubeObject.bytes("lots"));
        assertThrows(IllegalArgumentException.class, () -> KubeObject.bytes("5Ti"));
    }
}
