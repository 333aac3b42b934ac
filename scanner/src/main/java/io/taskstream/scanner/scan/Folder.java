package io.taskstream.scanner.scan;

/** The task folders of a task repo, in the order equal priorities are taken. */
public enum Folder {
    ACTIVE("tasks/active"), BACKLOG("tasks/backlog"), COMPLETED("tasks/completed");

    private final String path;

    Folder(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
