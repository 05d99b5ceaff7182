package io.closebench.wire;

/**
 * The control bits of a TCP header (the 8 low bits of byte 13: CWR ECE URG ACK PSH RST SYN FIN).
 *
 * @param bits the byte as read, {@code 0-255}
 */
public record TcpFlags(int bits) {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;

    public TcpFlags {
        if (bits < 0 || bits > 0xff) {
            throw new IllegalArgumentException("not a flags byte: " + bits);
        }
    }

    public boolean fin() {
        return (bits & FIN) != 0;
    }

    public boolean syn() {
        return (bits & SYN) != 0;
    }

    public boolean rst() {
        return (bits & RST) != 0;
    }

    public boolean psh() {
        return (bits & PSH) != 0;
    }

    public boolean ack() {
        return (bits & ACK) != 0;
    }

    public boolean urg() {
        return (bits & URG) != 0;
    }

    /** tcpdump's notation: {@code [S.]}, {@code [P.]}, {@code [R.]}, {@code [.]}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[");
        if (syn()) {
            s.append('S');
        }
        if (fin()) {
            s.append('F');
        }
        if (psh()) {
            s.append('P');
        }
        if (rst()) {
            s.append('R');
        }
        if (urg()) {
            s.append('U');
        }
        if (ack()) {
            s.append('.');
        }
        return s.append(']').toString();
    }
}
