package io.taskstream.actions.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What keeps a workload's pods from running, one line per waiting container. */
final class PodProblems {
    /** Waiting reasons that will not clear by themselves: waiting out the timeout is pointless. */
    static final Set<String> HOPELESS = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull");

    private PodProblems() {
    }

    /** e.g. {@code pod ffl-backend-7d9f-abc: container api CrashLoopBackOff (1174 restarts)} */
    static List<String> hopeless(Collection<Pod> pods) {
        return waiting(pods, true);
    }

    /** Every container waiting for any reason, hopeless or not (ContainerCreating, PodInitializing, ...). */
    static List<String> waiting(Collection<Pod> pods) {
        return waiting(pods, false);
    }

    private static List<String> waiting(Collection<Pod> pods, boolean hopelessOnly) {
        return pods.stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .flatMap(p -> statuses(p)
                        .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
                        .filter(c -> !hopelessOnly || HOPELESS.contains(c.getState().getWaiting().getReason()))
                        .map(c -> "pod " + p.getMetadata().getName() + ": container " + c.getName() + " "
                                + c.getState().getWaiting().getReason() + detail(c)))
                .toList();
    }

    private static String detail(ContainerStatus c) {
        String reason = c.getState().getWaiting().getReason();
        if (reason != null && reason.contains("Image")) {
            return " (image " + c.getImage() + ")";
        }
        int restarts = c.getRestartCount() == null ? 0 : c.getRestartCount();
        return " (" + restarts + (restarts == 1 ? " restart)" : " restarts)");
    }

    private static Stream<ContainerStatus> statuses(Pod p) {
        if (p.getStatus() == null) {
            return Stream.empty();
        }
        Stream<ContainerStatus> init = p.getStatus().getInitContainerStatuses() == null ? Stream.empty()
                : p.getStatus().getInitContainerStatuses().stream();
        Stream<ContainerStatus> main = p.getStatus().getContainerStatuses() == null ? Stream.empty()
                : p.getStatus().getContainerStatuses().stream();
        return Stream.concat(init, main);
    }
}
