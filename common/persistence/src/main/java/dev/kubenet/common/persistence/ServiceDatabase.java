package dev.kubenet.common.persistence;

/** Every service that has a database defines it in its server.xml under this JNDI name. */
public final class ServiceDatabase {

    public static final String JNDI_NAME = "jdbc/serviceDb";

    private ServiceDatabase() {
    }
}
