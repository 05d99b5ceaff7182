package io.closebench.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret both ends of a peer agent's control connection hold, read from a file, and the
 * challenge-response made with it: each side sends a fresh random nonce and proves it holds the
 * token with an HMAC-SHA256 over a role and both nonces, so that a proof can be neither replayed
 * (the other side's nonce is fresh) nor reflected (the role differs). The token itself never
 * crosses the network. Only the JDK's own crypto, so that it runs on any JDK 17.
 */
public final class SharedToken {

    /** The protocol's name and version, inside every proof. */
    public static final String PROTOCOL = "closebench-peer/1";
    /** A token shorter than this is refused: the HMAC is only as strong as the secret. */
    public static final int MIN_LENGTH = 16;
    /** The role of the harness's proof (it drives the agent). */
    public static final String OBSERVER = "observer";
    /** The role of the agent's proof. */
    public static final String PEER = "peer";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;

    private SharedToken(byte[] key) {
        this.key = key;
    }

    /**
     * The token in {@code file}: its text without surrounding white space.
     *
     * @throws IOException naming the file when it cannot be read, is empty or is too short
     */
    public static SharedToken read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        return of(text, "the token file " + file);
    }

    /** A token from its text; {@code where} names it in the refusal. */
    public static SharedToken of(String text, String where) throws IOException {
        if (text.length() < MIN_LENGTH) {
            throw new IOException(where + " holds " + text.length() + " characters; a token needs at least " + MIN_LENGTH
                    + " (e.g. the output of: openssl rand -hex 32)");
        }
        return new SharedToken(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh random nonce, 32 hex digits. */
    public static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    /** The proof of {@code role} over its peer's nonce {@code theirs} and its own {@code mine}. */
    public String prove(String role, String theirs, String mine) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal((PROTOCOL + " " + role + " " + theirs + " " + mine)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code proof} is {@link #prove}'s, compared in constant time. */
    public boolean verify(String proof, String role, String theirs, String mine) {
        return MessageDigest.isEqual(prove(role, theirs, mine).getBytes(StandardCharsets.US_ASCII),
                proof.getBytes(StandardCharsets.US_ASCII));
    }
}
