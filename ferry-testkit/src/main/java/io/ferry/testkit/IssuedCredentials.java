package io.ferry.testkit;

import java.time.Instant;

/**
 * Temporary AWS credentials that a credentials stand-in hands out.
 *
 * @param accessKeyId     such as {@code ASIA...}
 * @param secretAccessKey the secret that signs
 * @param sessionToken    the session token
 * @param expiration      when they stop working, as the real services announce it
 */
public record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
}
