package io.closebench.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.MassFault;
import io.closebench.placement.CpuPlan;
import io.closebench.remote.agent.AgentMain;
import io.closebench.rig.CaseRunner;
import io.closebench.rig.Observation;
import io.closebench.rig.RunnerSettings;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The peer agent is the portable subset of closebench: from its main class, nothing it can reach
 * touches {@code /proc} or {@code /sys}, JNA, Netty, the harness's namespaces, affinity or observers,
 * or an OS-specific socket option ({@code jdk.net}); its Linux parts are one package, reached from its
 * main class alone, behind the OS check and {@code --portable}. Run with them left out, it plays every
 * case a JDK alone can play, and refuses the rest by name.
 */
@Timeout(180)
class PortableAgentTest {

    /** What the agent's portable classes must not reach. */
    private static final List<String> FORBIDDEN = List.of("com.sun.jna.", "io.netty.", "picocli.", "org.openjdk.jmh.",
            "org.HdrHistogram.", "org.apache.", "jdk.net.", "sun.", "com.sun.nio.", "io.closebench.netns.",
            "io.closebench.placement.", "io.closebench.observe.", "io.closebench.machine.", "io.closebench.cable.",
            "io.closebench.rig.", "io.closebench.matrix.", "io.closebench.bench.", "io.closebench.cli.",
            "io.closebench.analysis.");
    private static final String LINUX = "io.closebench.remote.agent.linux.";

    @Test
    void theAgentsClassesReachNothingThatIsNotInEveryJdk() throws Exception {
        Map<String, Set<String>> edges = dependencies();
        Set<String> reached = new TreeSet<>();
        Set<String> intoLinux = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(AgentMain.class.getName()));
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (!reached.add(c)) {
                continue;
            }
            for (String d : edges.getOrDefault(c, Set.of())) {
                if (d.startsWith(LINUX)) {
                    intoLinux.add(c);
                } else if (d.startsWith("io.closebench.")) {
                    todo.push(d);
                } else {
                    reached.add(d);
                }
            }
        }
        assertThat(reached).as("the agent reaches its protocol and peers").contains("io.closebench.remote.agent.AgentSession",
                "io.closebench.fault.InProcessPeer", "io.closebench.fault.ChildPeer", "io.closebench.fault.MassPeer");
        assertThat(reached.stream().filter(c -> FORBIDDEN.stream().anyMatch(c::startsWith)).toList())
                .as("classes outside the portable subset reached from " + AgentMain.class.getSimpleName()).isEmpty();
        assertThat(intoLinux).as("the Linux parts are entered from the main class alone, behind its OS check")
                .containsExactly(AgentMain.class.getName());
        List<String> readingKernelFiles = new java.util.ArrayList<>();
        for (String c : reached) {
            if (c.startsWith("io.closebench.") && constants(c).stream().anyMatch(s -> s.contains("/proc") || s.contains("/sys/"))) {
                readingKernelFiles.add(c);
            }
        }
        assertThat(readingKernelFiles).as("portable classes naming /proc or /sys").isEmpty();
    }

    @Test
    void withItsLinuxPartsLeftOutTheAgentPlaysEveryCaseAJdkCanAndRefusesTheRestByName() throws Exception {
        try (AgentInNamespace agent = AgentInNamespace.start("--portable"); RemoteHome home = agent.connect()) {
            AgentCapabilities caps = home.capabilities();
            assertThat(caps.bash()).hasValueSatisfying(why -> assertThat(why).contains("--portable"));
            assertThat(caps.cable()).hasValueSatisfying(why -> assertThat(why).contains("--portable"));
            assertThat(caps.freeze()).isPresent();
            assertThat(home.pulledCableUnavailable()).hasValueSatisfying(why -> assertThat(why).contains("--portable"));
            assertThat(home.cannotPlay(ScenarioCatalogue.byId("S4b-bash").orElseThrow()))
                    .hasValueSatisfying(why -> assertThat(why).contains("cannot run a bash child"));
            try (CaseRunner runner = new CaseRunner(Observer.NIO, CpuPlan.of(Placement.OS), RunnerSettings.defaults(), home)) {
                for (String id : List.of("S2-inproc", "X1-linger0", "C3a", "X8b-woken", "S3b-jvm", "S4b-jvm")) {
                    var s = ScenarioCatalogue.byId(id).orElseThrow();
                    Observation o = runner.run(s);
                    assertThat(o.outcome()).as(o.toString()).isEqualTo(s.onLinux(Observer.NIO));
                }
                // the refusal reaches a harness that asks all the same, with the reason and nothing done
                Observation bash = runner.run(ScenarioCatalogue.byId("S4b-bash").orElseThrow());
                assertThat(bash.outcome()).isEqualTo(Outcome.HARNESS_FAILURE);
                assertThat(bash.failure()).contains("cannot run a bash child");
            }
            assertThatRawBashIsRefused(home);
            assertThat(agent.othersInside(Duration.ofSeconds(10))).isEmpty();
        }
    }

    private static void assertThatRawBashIsRefused(RemoteHome home) {
        CaseOrder order = new CaseOrder(io.closebench.fault.PeerRuntime.BASH_CHILD, io.closebench.scenario.Side.SERVER,
                io.closebench.fault.Fault.EXIT_WITHOUT_CLOSE, 9, CaseOrder.NO_SCRIPT, 0);
        List<Object> fields = new java.util.ArrayList<>(List.of(CaseOrder.KIND));
        fields.addAll(order.fields());
        try {
            home.control().call(Word.OPEN, "b1", Duration.ofSeconds(5), fields.toArray());
            throw new AssertionError("a bash child was made by an agent that has no bash");
        } catch (IOException refused) {
            assertThat(refused.getMessage()).contains("cannot start a bash child").contains("--portable");
        }
        assertThat(MassFault.KILL.onLoopback()).isTrue();
    }

    /** jdeps' class-level view of closebench's own classes (this module's and the schema's): class -> what it names. */
    private static Map<String, Set<String>> dependencies() throws IOException, InterruptedException {
        Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
        assumeTrue(Files.isExecutable(jdeps), () -> "no jdeps in " + jdeps.getParent() + ": a JRE, not a JDK");
        Process p = new ProcessBuilder(jdeps.toString(), "-verbose:class", "-filter:none", root(AgentMain.class),
                root(Outcome.class))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Map<String, Set<String>> edges = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length >= 3 && w[1].equals("->")) {
                edges.computeIfAbsent(w[0], k -> new LinkedHashSet<>()).add(w[2]);
            }
        }
        assertThat(edges).as("jdeps said: " + out.lines().limit(5).toList()).containsKey(AgentMain.class.getName());
        return edges;
    }

    private static String root(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The UTF-8 constants of a class file: every string literal and name it holds. */
    private static List<String> constants(String className) throws IOException {
        String resource = "/" + className.replace('.', '/') + ".class";
        byte[] bytes;
        try (var in = PortableAgentTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            bytes = in.readAllBytes();
        }
        List<String> utf8 = new java.util.ArrayList<>();
        java.io.DataInputStream d = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes));
        d.readInt();
        d.readUnsignedShort();
        d.readUnsignedShort();
        int count = d.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = d.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.add(d.readUTF());
                case 3, 4 -> d.readInt();
                case 5, 6 -> {
                    d.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> d.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> d.readInt();
                case 15 -> {
                    d.readUnsignedByte();
                    d.readUnsignedShort();
                }
                default -> throw new IOException(className + ": constant pool tag " + tag + " unknown");
            }
        }
        return utf8;
    }
}
