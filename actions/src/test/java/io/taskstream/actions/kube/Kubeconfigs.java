package io.taskstream.actions.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig like a workstation's: the test cluster, a production cluster, and one using certificate files. */
final class Kubeconfigs {
    private Kubeconfigs() {
    }

    static Path write(Path dir, String testServer) throws IOException {
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/ca.crt"), "CA PEM");
        Files.writeString(dir.resolve("certs/client.crt"), "CLIENT CERT PEM");
        Files.writeString(dir.resolve("certs/client.key"), "CLIENT KEY PEM");
        return Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                current-context: prod
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                - name: prod
                  cluster:
                    server: https://prod.invalid:6443
                - name: files
                  cluster:
                    server: https://files.invalid:6443
                    certificate-authority: certs/ca.crt
                contexts:
                - name: taskstream-test
                  context: {cluster: mock, user: tester, namespace: ffl}
                - name: prod
                  context: {cluster: prod, user: admin}
                - name: files
                  context: {cluster: files, user: cert-user}
                users:
                - name: tester
                  user: {token: test-token}
                - name: admin
                  user: {token: prod-secret}
                - name: cert-user
                  user: {client-certificate: certs/client.crt, client-key: certs/client.key}
                """.formatted(testServer));
    }
}
