package io.closebench.wire;

import java.util.Optional;

/**
 * The pcap link types this package decodes: what a capture on Linux's loopback, a veth, the
 * {@code any} pseudo-device or a raw-IP device writes. The code is the LINKTYPE_ value in the
 * file header (tcpdump's {@code -y}/{@code -L} names in brackets).
 */
public enum LinkType {
    /** LINKTYPE_ETHERNET [EN10MB]: {@code lo} and veth devices; 14-byte header, 802.1Q tags skipped. */
    ETHERNET(1),
    /** LINKTYPE_RAW [RAW]: the IP header comes first. */
    RAW(101),
    /** LINKTYPE_LINUX_SLL [LINUX_SLL]: {@code -i any} with libpcap before 1.10; 16-byte cooked header. */
    LINUX_SLL(113),
    /** LINKTYPE_LINUX_SLL2 [LINUX_SLL2]: {@code -i any} with libpcap 1.10 and later; 20-byte cooked header. */
    LINUX_SLL2(276);

    private final int code;

    LinkType(int code) {
        this.code = code;
    }

    /** The LINKTYPE_ number in a pcap file header. */
    public int code() {
        return code;
    }

    /** The link type with this LINKTYPE_ number, or empty for one this package does not decode. */
    public static Optional<LinkType> ofCode(int code) {
        for (LinkType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
