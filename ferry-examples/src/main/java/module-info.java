/**
 * The examples as an application module: they compile and their tests run on the module path,
 * so they can only use what Ferry's modules export.
 */
module io.ferry.examples {
    requires io.ferry.file;
    requires io.ferry.remote;
    requires io.ferry.runtime;

    exports io.ferry.examples;
}
