package io.taskstream.task.parse;

import io.taskstream.task.FileProblem;
import io.taskstream.task.FrontMatter;

import java.util.ArrayList;
import java.util.List;

/** What parsing one file found so far: problems that make it unusable, and warnings that do not. */
final class Problems {
    private final List<FileProblem> problems = new ArrayList<>();
    private final List<FileProblem> warnings = new ArrayList<>();

    void add(int line, String problem) {
        problems.add(new FileProblem(line, problem));
    }

    void add(TaskFileException e) {
        problems.addAll(e.problems());
    }

    void warn(int line, String warning) {
        warnings.add(new FileProblem(line, warning));
    }

    List<FileProblem> warnings() {
        return List.copyOf(warnings);
    }

    /** Refuses the file when anything was found; the front matter goes along as far as it was read. */
    void throwIfAny(String path, FrontMatter frontMatter) throws TaskFileException {
        if (!problems.isEmpty()) {
            throw new TaskFileException(path, problems, frontMatter);
        }
    }
}
