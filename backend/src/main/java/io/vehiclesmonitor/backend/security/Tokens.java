package io.vehiclesmonitor.backend.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random bearer values (session cookies) and their hashes at rest. A 256-bit random value
 * cannot be guessed, so a fast SHA-256 is enough to keep a database dump from being
 * usable; a slow password hash would only cost CPU on every request.
 */
final class Tokens {

	private static final SecureRandom random = new SecureRandom();

	private Tokens() {
	}

	static String random() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
