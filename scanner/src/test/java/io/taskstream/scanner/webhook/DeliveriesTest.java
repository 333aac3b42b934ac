package io.taskstream.scanner.webhook;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveriesTest {

    @Test
    void aDeliveryIsClaimedOnce() {
        Deliveries deliveries = new Deliveries(10);

        assertThat(deliveries.claim("a")).isTrue();
        assertThat(deliveries.claim("a")).isFalse();
        assertThat(deliveries.claim("b")).isTrue();
    }

    @Test
    void theLeastRecentlySeenIsForgottenPastTheCapacity() {
        Deliveries deliveries = new Deliveries(3);
        deliveries.claim("a");
        deliveries.claim("b");
        deliveries.claim("c");
        assertThat(deliveries.claim("a")).as("seen again: now the most recent").isFalse();

        assertThat(deliveries.claim("d")).isTrue();

        assertThat(deliveries.size()).isEqualTo(3);
        assertThat(deliveries.claim("b")).as("b was the least recent, evicted").isTrue();
        assertThat(deliveries.claim("a")).isFalse();
    }

    @Test
    void staysBoundedUnderManyDeliveries() {
        Deliveries deliveries = new Deliveries(Deliveries.DEFAULT_CAPACITY);

        IntStream.range(0, 3 * Deliveries.DEFAULT_CAPACITY).forEach(i -> deliveries.claim("d-" + i));

        assertThat(deliveries.size()).isEqualTo(Deliveries.DEFAULT_CAPACITY);
    }

    @Test
    void aForgottenDeliveryMayBeClaimedAgain() {
        Deliveries deliveries = new Deliveries(10);
        deliveries.claim("a");

        deliveries.forget("a");

        assertThat(deliveries.claim("a")).isTrue();
    }

    @Test
    void needsRoomForOne() {
        assertThatThrownBy(() -> new Deliveries(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
