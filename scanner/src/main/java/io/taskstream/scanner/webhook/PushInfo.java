package io.taskstream.scanner.webhook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A push, reduced to what decides whether it starts a scan.
 *
 * @param repositoryIds every identifier of the pushed repository the payload carries: full name
 *                      ({@code owner/name}), clone URLs (https and ssh), web URL
 * @param ref           the pushed ref, e.g. {@code refs/heads/main} or {@code refs/tags/v1.0}
 * @param after         the commit the ref points to after the push (all zeros when it was deleted)
 * @param deleted       whether the push deleted the ref
 */
public record PushInfo(List<String> repositoryIds, String ref, String after, boolean deleted) {
    static final String BRANCH_PREFIX = "refs/heads/";

    public PushInfo {
        repositoryIds = repositoryIds.stream().filter(Objects::nonNull).filter(s -> !s.isBlank()).toList();
        Objects.requireNonNull(ref, "ref");
    }

    /** The pushed branch; empty when the ref is not a branch (a tag, a note). */
    public Optional<String> branch() {
        return ref.startsWith(BRANCH_PREFIX) ? Optional.of(ref.substring(BRANCH_PREFIX.length())) : Optional.empty();
    }

    /** Whether {@code after} is the null commit ({@code 0000…}) git hosts send for a deleted ref. */
    static boolean isNullCommit(String sha) {
        return sha != null && !sha.isEmpty() && sha.chars().allMatch(c -> c == '0');
    }
}
