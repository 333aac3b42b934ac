package io.taskstream.actions.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.taskstream.actions.workspace.GitFixture.repo;
import static io.taskstream.actions.workspace.GitFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

/** What a snapshot costs per criterion: printed, and bounded loosely so a regression to a slow walk shows. */
class SnapshotCostTest {
    @TempDir
    Path ws;

    @Test
    void anEmptyWorkspace() throws Exception {
        Files.createDirectories(ws.resolve("docs/notes"));
        long micros = medianMicros(ws);
        System.out.println("ChangeSnapshot.take, empty workspace: " + micros + " us (median)");
        assertThat(micros).isLessThan(50_000);
    }

    @Test
    void threeSmallRepos() throws Exception {
        for (String name : new String[] {"ffl", "clients/beckerkube", "midwestmtg"}) {
            String[] files = new String[40];
            for (int i = 0; i < 20; i++) {
                files[2 * i] = "src/m" + i + "/f" + i + ".txt";
                files[2 * i + 1] = "content " + i + "\n";
            }
            repo(ws.resolve(name), files).close();
            write(ws.resolve(name), "src/m1/f1.txt", "dirty\n");
            write(ws.resolve(name), "untracked.txt", "new\n");
        }
        long micros = medianMicros(ws);
        System.out.println("ChangeSnapshot.take, 3 repos of 20 files: " + micros + " us (median)");
        assertThat(micros).isLessThan(500_000);
    }

    private static long medianMicros(Path ws) {
        long[] runs = new long[15];
        for (int i = 0; i < runs.length; i++) {
            long start = System.nanoTime();
            ChangeSnapshot.take(WorkspaceRepos.find(ws));
            runs[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }
}
