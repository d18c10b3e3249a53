package io.ferry.stream.prepare;

import com.github.luben.zstd.util.Native;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.linux.LibC;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libzstd through FFM downcalls, at native addresses: the library and its loader come from zstd-jni
 * (which bundles it for every platform), but its ByteBuffer methods wrap each buffer in a new segment
 * on JDK 22+, a few hundred bytes per call; calling the C functions directly allocates nothing.
 * The symbols are found in the library zstd-jni loaded, through this class loader's lookup, as
 * zstd-jni's own FFM binding finds them.
 */
final class ZstdNative {
    /** ZSTD_c_compressionLevel (zstd.h, ZSTD_cParameter). */
    private static final int COMPRESSION_LEVEL = 100;
    private static final MethodHandle CREATE_CCTX;
    private static final MethodHandle FREE_CCTX;
    private static final MethodHandle SET_PARAMETER;
    private static final MethodHandle COMPRESS2;
    private static final MethodHandle CREATE_DCTX;
    private static final MethodHandle FREE_DCTX;
    private static final MethodHandle DECOMPRESS_DCTX;
    private static final MethodHandle IS_ERROR;
    private static final MethodHandle COMPRESS_BOUND;

    static {
        Native.load();
        SymbolLookup lookup = SymbolLookup.loaderLookup();
        CREATE_CCTX = downcall(lookup, "ZSTD_createCCtx", FunctionDescriptor.of(ADDRESS));
        FREE_CCTX = downcall(lookup, "ZSTD_freeCCtx", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        SET_PARAMETER = downcall(lookup, "ZSTD_CCtx_setParameter", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT));
        COMPRESS2 = downcall(lookup, "ZSTD_compress2",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        CREATE_DCTX = downcall(lookup, "ZSTD_createDCtx", FunctionDescriptor.of(ADDRESS));
        FREE_DCTX = downcall(lookup, "ZSTD_freeDCtx", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        DECOMPRESS_DCTX = downcall(lookup, "ZSTD_decompressDCtx",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        IS_ERROR = downcall(lookup, "ZSTD_isError", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        COMPRESS_BOUND = downcall(lookup, "ZSTD_compressBound", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
    }

    private ZstdNative() {
    }

    /** Restricted like every FFM downcall: applications enable native access for Ferry, as for ferry-file. */
    @SuppressWarnings("restricted")
    private static MethodHandle downcall(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new FerryException(ErrorCode.ENGINE_UNSUPPORTED,
                "the zstd library loaded by zstd-jni has no " + name));
        return Linker.nativeLinker().downcallHandle(symbol, descriptor);
    }

    /** A compression context at {@code level}; free it with {@link #freeCompression}. */
    static MemorySegment newCompression(int level) {
        try {
            MemorySegment context = (MemorySegment) CREATE_CCTX.invokeExact();
            if (context.address() == 0) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "zstd could not create a compression context");
            }
            if (isError((long) SET_PARAMETER.invokeExact(context, COMPRESSION_LEVEL, level))) {
                freeCompression(context);
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "zstd refused compression level " + level);
            }
            return context;
        } catch (Throwable t) {
            throw LibC.downcallFailure(t);
        }
    }

    static void freeCompression(MemorySegment context) {
        try {
            long ignored = (long) FREE_CCTX.invokeExact(context);
        } catch (Throwable t) {
            throw LibC.downcallFailure(t);
        }
    }

    /** Compresses one frame; the compressed size, or -1 on error (a target too small). */
    static long compress(MemorySegment context, long target, long capacity, long source, long length) {
        return transform(COMPRESS2, context, target, capacity, source, length);
    }

    static MemorySegment newDecompression() {
        try {
            MemorySegment context = (MemorySegment) CREATE_DCTX.invokeExact();
            if (context.address() == 0) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "zstd could not create a decompression context");
            }
            return context;
        } catch (Throwable t) {
            throw LibC.downcallFailure(t);
        }
    }

    static void freeDecompression(MemorySegment context) {
        try {
            long ignored = (long) FREE_DCTX.invokeExact(context);
        } catch (Throwable t) {
            throw LibC.downcallFailure(t);
        }
    }

    /** Decompresses one frame; the decompressed size, or -1 when the input is malformed or too large. */
    static long decompress(MemorySegment context, long target, long capacity, long source, long length) {
        return transform(DECOMPRESS_DCTX, context, target, capacity, source, length);
    }

    /** Calls {@code size_t f(ctx, dst, dstCapacity, src, srcSize)}; the result, or -1 for a zstd error. */
    private static long transform(MethodHandle function, MemorySegment context, long target, long capacity, long source,
                                  long length) {
        try {
            long result = (long) function.invokeExact(context, target, capacity, source, length);
            return isError(result) ? -1 : result;
        } catch (Throwable t) {
            throw LibC.downcallFailure(t);
        }
    }

    static long compressBound(long length) {
        try {
            return (long) COMPRESS_BOUND.invokeExact(length);
        } catch (Throwable t) {
            throw LibC.downcallFailure(t);
        }
    }

    private static boolean isError(long result) throws Throwable {
        return (int) IS_ERROR.invokeExact(result) != 0;
    }
}
