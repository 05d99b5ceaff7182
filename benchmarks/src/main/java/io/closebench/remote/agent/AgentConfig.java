package io.closebench.remote.agent;

import io.closebench.remote.SharedToken;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * How a peer agent was started.
 *
 * @param listen   where it listens for the harness's control connection, and only there
 * @param testPort where it accepts the observer's connections in the client-side cases (0: any free port)
 * @param token    the shared token every session must prove it holds
 * @param once     whether it exits after its first authenticated session
 * @param bash     why it cannot start bash children, or empty when it can
 * @param host     what its host offers beyond the JDK (the Linux parts, or nothing)
 */
public record AgentConfig(InetSocketAddress listen, int testPort, SharedToken token, boolean once, Optional<String> bash,
                          HostFacilities host) {
}
