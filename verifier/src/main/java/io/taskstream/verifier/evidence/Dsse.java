package io.taskstream.verifier.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope (Dead Simple Signing Envelope v1): a payload, its type, and signatures over the
 * pre-authentication encoding of both, so that a signature never covers a re-encoding of parsed JSON.
 *
 * @param payload the exact bytes that were signed (base64 in the JSON form)
 */
public record Dsse(String payloadType, byte[] payload, List<Signature> signatures) {
    /** The payload type of an in-toto statement. */
    public static final String IN_TOTO = "application/vnd.in-toto+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One signature; {@code keyid} names the key (see {@link EvidenceKey#keyId}). */
    public record Signature(String keyid, byte[] sig) {
    }

    public Dsse {
        signatures = List.copyOf(signatures);
    }

    /** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes, in ASCII decimal. */
    public static byte[] pae(String payloadType, byte[] body) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + body.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** An envelope of the payload signed with the key. */
    public static Dsse sign(String payloadType, byte[] payload, EvidenceKey key) throws GeneralSecurityException {
        return new Dsse(payloadType, payload.clone(),
                List.of(new Signature(key.keyId(), key.sign(pae(payloadType, payload)))));
    }

    /** Whether a signature by this key (matched by key id) verifies. */
    public boolean signedBy(PublicKey key) {
        String id = EvidenceKey.keyId(key);
        byte[] signed = pae(payloadType, payload);
        return signatures.stream().anyMatch(s -> s.keyid().equals(id) && EvidenceKey.verify(key, signed, s.sig()));
    }

    /** The JSON form on one line: {@code {"payloadType":…,"payload":base64,"signatures":[{"keyid":…,"sig":…}]}}. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("payloadType", payloadType);
        node.put("payload", Base64.getEncoder().encodeToString(payload));
        ArrayNode sigs = node.putArray("signatures");
        signatures.forEach(s -> sigs.addObject().put("keyid", s.keyid())
                .put("sig", Base64.getEncoder().encodeToString(s.sig())));
        return node.toString();
    }

    /** @throws IOException when the text is not an envelope */
    public static Dsse parse(String json) throws IOException {
        JsonNode node = JSON.readTree(json);
        if (node == null || !node.path("payloadType").isTextual() || !node.path("payload").isTextual()
                || !node.path("signatures").isArray()) {
            throw new IOException("not a DSSE envelope");
        }
        try {
            List<Signature> sigs = new ArrayList<>();
            for (JsonNode s : node.get("signatures")) {
                sigs.add(new Signature(s.path("keyid").asText(""), Base64.getDecoder().decode(s.path("sig").asText(""))));
            }
            return new Dsse(node.get("payloadType").asText(), Base64.getDecoder().decode(node.get("payload").asText()),
                    sigs);
        } catch (IllegalArgumentException e) {
            throw new IOException("a DSSE envelope with bad base64: " + e.getMessage(), e);
        }
    }
}
