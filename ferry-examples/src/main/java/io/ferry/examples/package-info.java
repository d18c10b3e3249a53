/**
 * Small complete programs that use Ferry as an application would: copy them. Each is run by a test
 * of this module, and {@link io.ferry.examples.CopyFile} is quoted in the README.
 */
package io.ferry.examples;
