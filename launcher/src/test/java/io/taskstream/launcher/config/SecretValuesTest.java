package io.taskstream.launcher.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which configuration keys hold credentials: their values are masked wherever a key and value are shown. */
class SecretValuesTest {
    @ParameterizedTest
    @ValueSource(strings = {"sasl.jaas.config", "ssl.key.password", "ssl.keystore.password", "ssl.keystore.key",
            "sasl.oauthbearer.client.credentials.client.secret", "github-secret", "gitlab-token"})
    void credentialsAreMasked(String key) {
        assertThat(SecretValues.isSecret(key)).isTrue();
        assertThat(SecretValues.shown(key, "value")).isEqualTo(SecretValues.REDACTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"security.protocol", "ssl.truststore.certificates", "ssl.keystore.certificate.chain",
            "bootstrap-servers", "evidence-key", "client.id"})
    void otherSettingsAreShownAsTheyAre(String key) {
        assertThat(SecretValues.isSecret(key)).isFalse();
        assertThat(SecretValues.shown(key, "value")).isEqualTo("value");
    }

    @Test
    void aFileReferenceOfACredentialIsReadAndTrimmed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("key.pem"), "-----BEGIN-----\n");

        assertThat(SecretValues.resolve("ssl.keystore.key", "file:" + file, "test")).isEqualTo("-----BEGIN-----");
    }
}
