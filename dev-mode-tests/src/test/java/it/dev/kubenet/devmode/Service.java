package it.dev.kubenet.devmode;

/** A service as docs/development.md's "Developing one service" names it: its folder, its package and its two ports. */
enum Service {

    AUTH("auth-service", "dev.kubenet.auth", 8070, 7770),
    USERS("users-service", "dev.kubenet.users", 8080, 7780),
    TASKS("tasks-service", "dev.kubenet.tasks", 8000, 7700);

    final String folder;
    final String javaPackage;
    final int httpPort;
    final int debugPort;

    Service(String folder, String javaPackage, int httpPort, int debugPort) {
        this.folder = folder;
        this.javaPackage = javaPackage;
        this.httpPort = httpPort;
        this.debugPort = debugPort;
    }

    String url(String path) {
        return "http://localhost:" + httpPort + path;
    }
}
