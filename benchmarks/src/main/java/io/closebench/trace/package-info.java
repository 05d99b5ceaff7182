/**
 * The kernel's own account of a connection, from its tracepoints through tracefs: every
 * retransmission attempt with its result ({@link io.closebench.trace.RetransmitAttempt}), every
 * TCP state change ({@link io.closebench.trace.StateChange}) and every ICMP report sent
 * ({@link io.closebench.trace.IcmpSent}), on {@code System.nanoTime()}'s clock.
 * {@link io.closebench.trace.KernelTrace} records them in a tracefs instance of its own and leaves
 * nothing behind; {@link io.closebench.trace.KernelTraceAvailability} says whether this machine
 * can. Independent of the harness: it needs the ends to trace and nothing else.
 */
package io.closebench.trace;
