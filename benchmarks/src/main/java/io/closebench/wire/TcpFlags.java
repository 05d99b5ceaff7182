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

    /** tcpdump's notation, in tcpdump's order (F S R P . U E W): {@code [S.]}, {@code [P.]}, {@code [R]}, {@code [.]}. */
    @Override
    public String toString() {
        // the bits from FIN (0x01) to CWR (0x80) are in tcpdump's order already
        String letters = "FSRP.UEW";
        StringBuilder s = new StringBuilder("[");
        for (int bit = 0; bit < 8; bit++) {
            if ((bits & (1 << bit)) != 0) {
                s.append(letters.charAt(bit));
            }
        }
        return s.append(']').toString();
    }
}
