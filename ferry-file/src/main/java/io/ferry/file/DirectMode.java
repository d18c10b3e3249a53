package io.ferry.file;

/** Whether a file is written past the page cache, with O_DIRECT. */
public enum DirectMode {
    /** Through the page cache. */
    OFF,
    /** With O_DIRECT where the file system takes it, else through the page cache ({@link OpenFlag#DIRECT_IF_SUPPORTED}). */
    PREFERRED,
    /** With O_DIRECT; a file system without direct I/O fails the open ({@link OpenFlag#DIRECT}). */
    REQUIRED;

    /** The flags that open a file for writing in this mode. */
    public OpenFlag[] writeFlags() {
        return switch (this) {
            case OFF -> new OpenFlag[] {OpenFlag.WRITE};
            case PREFERRED -> new OpenFlag[] {OpenFlag.WRITE, OpenFlag.DIRECT_IF_SUPPORTED};
            case REQUIRED -> new OpenFlag[] {OpenFlag.WRITE, OpenFlag.DIRECT};
        };
    }
}
