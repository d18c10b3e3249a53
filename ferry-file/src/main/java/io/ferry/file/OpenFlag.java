package io.ferry.file;

/** How {@link FileBackend#open} opens a file. Without READ or WRITE a file is opened for reading. */
public enum OpenFlag {
    /** Allow READ transfers. */
    READ,
    /** Allow WRITE transfers. */
    WRITE,
    /** Create the file if it does not exist (mode 0644 before umask). */
    CREATE,
    /** Cut the file to length 0 when opening. */
    TRUNCATE,
    /**
     * Bypass the page cache (O_DIRECT). Offsets and lengths must then be multiples of the
     * target's {@linkplain FileTarget#directAlignment() alignment}; heap memory and unaligned
     * native memory go through aligned bounce buffers. A file system without direct I/O fails the open.
     */
    DIRECT,
    /**
     * {@link #DIRECT} where the file system takes O_DIRECT, else through the page cache (tmpfs before
     * Linux 6.6, ramfs, some FUSE file systems); {@link FileTarget#isDirect()} tells which it got.
     */
    DIRECT_IF_SUPPORTED
}
