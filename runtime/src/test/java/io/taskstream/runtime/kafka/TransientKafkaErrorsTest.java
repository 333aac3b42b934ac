package io.taskstream.runtime.kafka;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker restart or a rebalance is a moment a consumer loop outlives; bad credentials or a bug stop it. */
class TransientKafkaErrorsTest {

    @Test
    void aRebalanceOrABrokerAwayForAMomentIsOutlivedAlsoWhenACallbackWrapsIt() {
        assertThat(TransientKafkaErrors.isTransient(new RebalanceInProgressException("rebalancing"))).isTrue();
        assertThat(TransientKafkaErrors.isTransient(new CommitFailedException())).isTrue();
        assertThat(TransientKafkaErrors.isTransient(new TimeoutException("no answer"))).isTrue();
        assertThat(TransientKafkaErrors.isTransient(new KafkaException("User rebalance callback throws an error",
                new RebalanceInProgressException("rebalancing")))).isTrue();
        assertThat(TransientKafkaErrors.isTransient(new EventPublisher.NotPublishedException("publishing failed",
                new TimeoutException("expired")))).isTrue();
    }

    @Test
    void badCredentialsMissingRightsAndBugsStopTheLoop() {
        assertThat(TransientKafkaErrors.isTransient(new AuthenticationException("bad password"))).isFalse();
        assertThat(TransientKafkaErrors.isTransient(new TopicAuthorizationException(Set.of("t")))).isFalse();
        assertThat(TransientKafkaErrors.isTransient(new IllegalStateException("no current assignment"))).isFalse();
    }
}
