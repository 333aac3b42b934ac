package io.taskstream.launcher.demo;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies the shipped examples into a scratch directory: the task repo becomes a git repository with a bare
 * remote reached over file://, the workspace a plain directory. Nothing in the checkout is modified.
 */
public final class DemoRepos {
    private DemoRepos() {
    }

    /** @return the file:// URL of a bare remote holding one commit of {@code tasks} on branch main */
    public static String createTaskRepo(Path exampleRepo, Path scratch) throws IOException {
        return createRepo(exampleRepo, scratch, "task-repo");
    }

    /** @return the file:// URL of a bare remote {@code NAME.git} holding one commit of the example on branch main */
    public static String createRepo(Path exampleRepo, Path scratch, String name) throws IOException {
        Path work = scratch.resolve(name + "-seed");
        Path bare = scratch.resolve(name + ".git");
        copyTree(exampleRepo, work);
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage(name + " as shipped in examples/")
                    .setAuthor("Taskstream Demo", "demo@taskstream.invalid")
                    .setCommitter("Taskstream Demo", "demo@taskstream.invalid").call();
        } catch (GitAPIException e) {
            throw new IOException("cannot create the demo " + name + ": " + e.getMessage(), e);
        }
        try (Git ignored = Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile())
                .setBare(true).call()) {
            return bare.toUri().toString();
        } catch (GitAPIException e) {
            throw new IOException("cannot create the demo remote: " + e.getMessage(), e);
        }
    }

    /** Copies a directory tree, keeping files' executable bits. */
    public static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
