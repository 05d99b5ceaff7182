package io.closebench.observe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * This process's kernel threads as {@code /proc/self/task} shows them: their state (the letter of
 * {@code stat}: {@code S} for asleep in the kernel, {@code R} running or runnable) and their name
 * ({@code comm}, the Java thread name cut to 15 bytes). Java cannot tell a thread blocked in
 * {@code read} from one running; the kernel can.
 */
public final class KernelThreads {

    private static final Path TASKS = Path.of("/proc/self/task");

    private KernelThreads() {
    }

    /** @return whether {@code /proc/self/task} can be read here */
    public static boolean visible() {
        return Files.isReadable(TASKS);
    }

    /** @return the state letter of thread {@code tid} ('?' when it cannot be read, '-' when it is gone) */
    public static char state(int tid) {
        return stateIn(TASKS.resolve(Integer.toString(tid)).resolve("stat"));
    }

    /** @return the state letter of thread {@code tid} of another process {@code pid}, as {@link #state(int)} */
    public static char state(long pid, int tid) {
        return stateIn(Path.of("/proc", Long.toString(pid), "task", Integer.toString(tid), "stat"));
    }

    /** Whether the thread whose {@code stat} file is {@code stat} sleeps in the kernel (state S). */
    static char stateIn(Path stat) {
        try {
            String s = Files.readString(stat);
            // "tid (comm) S ...": comm may hold spaces and parentheses, so look after the last ')'
            int close = s.lastIndexOf(')');
            return close > 0 && close + 2 < s.length() ? s.charAt(close + 2) : '?';
        } catch (java.nio.file.NoSuchFileException e) {
            return '-';
        } catch (IOException e) {
            return '?';
        }
    }

    /** @return the kernel threads of this process whose name satisfies {@code name} */
    public static List<Integer> named(Predicate<String> name) {
        List<Integer> tids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    if (name.test(Files.readString(task.resolve("comm")).strip())) {
                        tids.add(Integer.parseInt(task.getFileName().toString()));
                    }
                } catch (IOException | NumberFormatException e) {
                    // the thread ended while we listed: not one of ours to watch
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return tids;
    }
}
