/**
 * The S3 protocol, without any HTTP engine: {@link io.ferry.remote.s3.S3Location} parses
 * {@code s3://bucket/key}; {@link io.ferry.remote.s3.S3Config} resolves region, endpoint,
 * addressing and credentials as the AWS CLI does and builds request URIs;
 * {@link io.ferry.remote.s3.SigV4Signer} signs requests; {@link io.ferry.remote.s3.S3Xml} reads
 * and writes the XML bodies of errors and multipart uploads.
 *
 * <p>Threads: every public type is immutable or thread-safe and nothing here blocks except
 * {@code S3Config.resolve}, which reads the AWS files. Nulls: arguments are never null unless a
 * parameter says so; absent values are {@link java.util.Optional}. Failures are
 * {@link io.ferry.FerryException}s: {@code INVALID_ARGUMENT} for bad input or configuration,
 * {@code INVALID_SETTING} for a bad Ferry setting, {@code IO_ERROR} for a malformed response.
 */
package io.ferry.remote.s3;
