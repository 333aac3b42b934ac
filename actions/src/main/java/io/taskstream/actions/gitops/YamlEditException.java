package io.taskstream.actions.gitops;

/** A YAML edit that cannot be made, e.g. a path that does not exist; the message is one sentence. */
public final class YamlEditException extends IllegalArgumentException {
    public YamlEditException(String message) {
        super(message);
    }
}
