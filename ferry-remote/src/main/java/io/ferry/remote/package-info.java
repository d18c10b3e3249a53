/**
 * Remote objects over HTTP(S) and S3: ranged reads split into tasks over many connections,
 * uploads (PUT and S3 multipart), retries. Objects are targets of the {@link io.ferry.Agent}.
 */
package io.ferry.remote;
