package io.taskstream.runtime.git;

import io.taskstream.runtime.git.GitTaskRepo.GitException;

/**
 * Runs a remote operation a bounded number of times with a short, growing pause between tries. What still
 * fails after the last try ends in a {@link GitException} naming the operation, the remote and the branch.
 */
final class Retries {
    static final int TRIES = 3;
    private static final long FIRST_PAUSE_MILLIS = 20;

    /** A remote operation that may fail for reasons worth one more try (I/O, a busy or missing remote). */
    @FunctionalInterface
    interface RemoteCall<T> {
        T call() throws Exception;
    }

    private Retries() {
    }

    /**
     * @param operation what is done, as in "cannot {operation} {remote}": e.g. "push to", "fetch from"
     */
    static <T> T bounded(String operation, String remote, String branch, RemoteCall<T> call) throws GitException {
        Exception last = null;
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            try {
                return call.call();
            } catch (GitException e) {
                throw e;
            } catch (Exception e) {
                last = e;
                if (attempt < TRIES && !pause(FIRST_PAUSE_MILLIS << (2 * (attempt - 1)))) {
                    break;
                }
            }
        }
        throw new GitException("cannot " + operation + " " + remote + " (branch " + branch + ") after " + TRIES
                + " tries: " + causes(last), last);
    }

    /** Every distinct message of the cause chain: JGit's outer messages alone often name no reason. */
    static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    /** @return false when interrupted: the caller stops retrying and the thread keeps its interrupt */
    static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
