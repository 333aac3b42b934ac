package io.taskstream.actions;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.Redactor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a step works with: where it runs, with what environment, and what earlier steps established.
 *
 * @param position 1-based position of the step among the steps of its half (act or check)
 * @param dir      the criterion's working directory, inside the workspace
 * @param env      the environment for commands: the criterion's {@code env} (secrets resolved) and the cluster guard's
 * @param facts    what the acting half established (for checks), or what earlier steps of this attempt did (for acts)
 * @param needed   facts of the criteria this one {@code needs}, by criterion number
 */
public record StepContext(TaskSnapshot task, CriterionSpec criterion, int position, Path dir,
                          Map<String, String> env, Redactor redactor, Duration timeout, Map<String, String> facts,
                          Map<Integer, Map<String, String>> needed, Tools tools) {
    public StepContext {
        env = Map.copyOf(env);
        facts = Map.copyOf(facts);
        needed = Map.copyOf(needed);
    }

    StepContext at(int nextPosition, Map<String, String> nextFacts) {
        return new StepContext(task, criterion, nextPosition, dir, env, redactor, timeout, nextFacts, needed, tools);
    }
}
