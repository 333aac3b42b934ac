package io.taskstream.runtime.kafka;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Workers for every partition that record each batch they get, and answer what {@code answer} says. */
final class Recorder implements Function<TopicPartition, PartitionWorker> {

    /** One call of a worker. */
    record Call(int partition, List<Consumed> batch, long nextOffset, boolean caughtUp, boolean failed) {
        long firstOffset() {
            return batch.isEmpty() ? nextOffset : batch.get(0).offset();
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ToLongFunction<Call> answer;

    Recorder() {
        this(Call::nextOffset);
    }

    Recorder(ToLongFunction<Call> answer) {
        this.answer = answer;
    }

    @Override
    public PartitionWorker apply(TopicPartition tp) {
        return (batch, nextOffset, caughtUp) -> {
            Call call = new Call(tp.partition(), List.copyOf(batch), nextOffset, caughtUp, false);
            long safe;
            try {
                safe = answer.applyAsLong(call);
            } catch (RuntimeException e) {
                calls.add(new Call(tp.partition(), call.batch(), nextOffset, caughtUp, true));
                throw e;
            }
            calls.add(call);
            return safe;
        };
    }

    /** Events handled without failing. */
    int total() {
        return succeeded().size();
    }

    /** Offsets handled without failing, in the order handled. */
    List<Long> succeeded() {
        return calls.stream().filter(c -> !c.failed()).flatMap(c -> c.batch().stream()).map(Consumed::offset).toList();
    }

    /** Offsets handled without failing, per partition, in the order handled. */
    Map<Integer, List<Long>> offsets() {
        Map<Integer, List<Long>> map = new TreeMap<>();
        for (Call c : calls) {
            if (!c.failed()) {
                c.batch().forEach(e -> map.computeIfAbsent(c.partition(), p -> new ArrayList<>()).add(e.offset()));
            }
        }
        map.values().removeIf(List::isEmpty);
        return map;
    }

    Call lastCall(int partition) {
        return calls.stream().filter(c -> c.partition() == partition).reduce((a, b) -> b).orElseThrow();
    }
}
