/**
 * Test support: real servers that tests start on 127.0.0.1 and stop. Not part of the library;
 * it starts threads and processes.
 *
 * <ul>
 *   <li>{@link io.ferry.testkit.FaultyHttpServer}: an in-process HTTP/1.1 server of in-memory,
 *       versioned objects that records requests and injects {@link io.ferry.testkit.Fault}s,
 *       scheduled by its {@link io.ferry.testkit.FaultScript}; or a proxy with the same faults in
 *       front of a real server.</li>
 *   <li>{@link io.ferry.testkit.NginxServer}: nginx serving a directory, as a child process;
 *       guard its tests with {@link io.ferry.testkit.Requirements#nginx()}.</li>
 *   <li>{@link io.ferry.testkit.S3ProxyServer}: s3proxy over a temporary directory, as a child
 *       process on the running JVM.</li>
 *   <li>{@link io.ferry.testkit.CredentialStandIn}s: in-process stand-ins for the AWS credential
 *       services ({@link io.ferry.testkit.StsServer}, {@link io.ferry.testkit.SsoPortalServer},
 *       {@link io.ferry.testkit.ContainerCredentialsServer},
 *       {@link io.ferry.testkit.InstanceMetadataServer}).</li>
 *   <li>{@link io.ferry.testkit.SpdkTools}: SPDK's NVMe/TCP tools, run as bounded child processes;
 *       guard their tests with {@link io.ferry.testkit.Requirements#spdkTools()}.</li>
 *   <li>{@link io.ferry.testkit.RecordingProxy}: a reverse proxy that records requests and routes
 *       each to a server of the test's choice.</li>
 * </ul>
 *
 * <p>Every server is {@link java.lang.AutoCloseable}, binds to 127.0.0.1 only, and is thread-safe;
 * close is idempotent. Child processes and their temporary directories do not outlive the JVM.
 * Nulls are not accepted unless a method says so.
 */
package io.ferry.testkit;
