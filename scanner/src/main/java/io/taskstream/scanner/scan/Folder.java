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

    /** The folder a repo-relative file path is directly in, if it is a task folder. */
    public static java.util.Optional<Folder> of(String filePath) {
        int slash = filePath.lastIndexOf('/');
        String dir = slash < 0 ? "" : filePath.substring(0, slash);
        return java.util.Arrays.stream(values()).filter(f -> f.path.equals(dir)).findFirst();
    }
}
