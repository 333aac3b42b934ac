package io.taskstream.events.data;

/** A typed action step as written, e.g. kind {@code set-image}, value {@code apps/ffl/helmrelease.yaml ... = 0.1.18}. */
public record ActionSpec(String kind, String value, int line) {
}
