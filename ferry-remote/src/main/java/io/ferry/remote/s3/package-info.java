/**
 * The S3 protocol, without any HTTP engine: {@link io.ferry.remote.s3.S3Location} parses
 * {@code s3://bucket/key}; {@link io.ferry.remote.s3.S3Config} resolves region, endpoint and
 * addressing as the AWS CLI does, builds request URIs and keeps the credentials that sign;
 * {@link io.ferry.remote.s3.AwsCredentialsProvider} is where credentials come from (the default
 * chain of the AWS SDKs and each of its sources: environment, shared profiles with keys,
 * {@code credential_process}, SSO or assumed roles, web identity, container, EC2 instance
 * metadata); {@link io.ferry.remote.s3.SigV4Signer} signs requests; {@link io.ferry.remote.s3.S3Xml}
 * reads and writes the XML bodies of errors and multipart uploads.
 *
 * <p>Threads: every public type is immutable or thread-safe. Nothing here starts a thread. What
 * blocks — reading the AWS files, running a credential process, an HTTP exchange with STS, the
 * SSO portal, the container endpoint or instance metadata — happens only in
 * {@code S3Config.resolve}, {@code S3Config.awaitCredentials} and
 * {@code AwsCredentialsProvider.resolveCredentials}, called from control calls or the refresh
 * executor the application supplies; {@code S3Config.signer()} never blocks (see
 * docs/design/credentials.md). Nulls: arguments are never null unless a parameter says so;
 * absent values are {@link java.util.Optional}. Failures are {@link io.ferry.FerryException}s:
 * {@code INVALID_ARGUMENT} for bad input or configuration, {@code INVALID_SETTING} for a bad
 * Ferry setting, {@code ACCESS_DENIED} when a credential service refused, {@code IO_ERROR} or
 * {@code TIMED_OUT} for a service that could not be asked or answered nonsense; a credential
 * failure's message names its source.
 */
package io.ferry.remote.s3;
