package io.taskstream.actions.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectNamesTest {
    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            "registry.local, registry.local, true",
            "Registry.Local, rEgIsTrY.lOcAl, true",
            "registry.local., registry.local, true",
            "registry.local, other.local, false",
            "*.home.arpa, registry.home.arpa, true",
            "*.home.arpa, a.registry.home.arpa, false",
            "*.home.arpa, home.arpa, false",
            "*.home.arpa, .home.arpa, false",
            "*.arpa, home.arpa, false",
            "registry.*.arpa, registry.home.arpa, false"})
    void dnsNamesMatchCaseInsensitivelyAndAWildcardCoversOneLabel(String pattern, String host, boolean covers) {
        assertThat(SubjectNames.dnsMatches(pattern, host)).isEqualTo(covers);
    }

    @Test
    void ipLiteralsAreParsedAsAddressesWithoutALookup() throws Exception {
        assertThat(SubjectNames.ipLiteral("127.0.0.3")).contains(InetAddress.getByAddress(new byte[] {127, 0, 0, 3}));
        assertThat(SubjectNames.ipLiteral("::1")).isEqualTo(SubjectNames.ipLiteral("0:0:0:0:0:0:0:1"))
                .isEqualTo(SubjectNames.ipLiteral("[::1]")).isPresent();
        assertThat(SubjectNames.ipLiteral("fe80::1")).isNotEqualTo(SubjectNames.ipLiteral("::1"));
        assertThat(SubjectNames.ipLiteral("256.0.0.1")).isEmpty();
        assertThat(SubjectNames.ipLiteral("1.2.3")).isEmpty();
        assertThat(SubjectNames.ipLiteral("registry.local")).isEmpty();
        assertThat(SubjectNames.ipLiteral("fe80::zz")).isEmpty();
    }
}
