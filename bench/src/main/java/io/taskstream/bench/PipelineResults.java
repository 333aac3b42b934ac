package io.taskstream.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the phases of {@link PipelineBench} measured, for {@link PipelineReport}; empty for a phase not run. */
final class PipelineResults {
    final List<RunRow> rows = new ArrayList<>();
    final Map<Integer, List<Double>> e2eRate = new LinkedHashMap<>();
    final Map<Integer, List<Double>> e2eWall = new LinkedHashMap<>();
    final Map<Integer, Samples[]> underLoad = new LinkedHashMap<>();
    final List<Double> commitsPerCriterion = new ArrayList<>();
    Samples hopReadyStarted;
    Samples hopCompletedVerified;
    Samples hopReadyVerified;
    Samples hopScanReady;
    Samples raw;
    final List<String> hopLost = new ArrayList<>();
    final Map<Integer, double[]> scale = new LinkedHashMap<>();
    final Map<Integer, String> scaleSplit = new LinkedHashMap<>();
    Double sleepSeconds;
    Long rssKib;
    String rssCommand;
    final List<String> notes = new ArrayList<>();
}
