package io.taskstream.task.action;

import io.taskstream.task.StepValues;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code k8s-ready: KIND/NAME in NAMESPACE [timeout 5m]} ({@code -n NAMESPACE} as kubectl has it works too): the workload has its desired replicas updated and
 * available, and none of its pods is in CrashLoopBackOff or ImagePullBackOff, within the timeout.
 *
 * @param workloadKind {@code Deployment}, {@code StatefulSet} or {@code DaemonSet}
 */
public record K8sReadyAction(String workloadKind, String name, String namespace, Duration timeout) implements TypedAction {
    public static final String KIND = "k8s-ready";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final Map<String, String> KINDS = Map.of(
            "deployment", "Deployment", "deploy", "Deployment", "deployments", "Deployment",
            "statefulset", "StatefulSet", "sts", "StatefulSet", "statefulsets", "StatefulSet",
            "daemonset", "DaemonSet", "ds", "DaemonSet", "daemonsets", "DaemonSet");
    private static final Pattern FORM = Pattern.compile(
            "([A-Za-z]+)/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)\\s+(?:in|-n)\\s+([a-z0-9]([-a-z0-9]*[a-z0-9])?)"
                    + "(?:\\s+timeout\\s+(\\S+))?");

    public static K8sReadyAction parse(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("k8s-ready '" + value + "' is not KIND/NAME in NAMESPACE [timeout 5m]"
                    + " (e.g. deployment/ffl-backend in ffl timeout 2m)");
        }
        String workloadKind = KINDS.get(m.group(1).toLowerCase(Locale.ROOT));
        if (workloadKind == null) {
            throw new IllegalArgumentException("k8s-ready kind '" + m.group(1)
                    + "' is not deployment, statefulset or daemonset");
        }
        Duration timeout = m.group(6) == null ? DEFAULT_TIMEOUT : StepValues.timeout(m.group(6));
        return new K8sReadyAction(workloadKind, m.group(2), m.group(4), timeout);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public boolean touchesCluster() {
        return true;
    }
}
