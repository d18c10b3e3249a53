package io.ferry.nvmf.internal.nvme;

/** Asynchronous event completions (nvme-tcp-notes.md §5.7): CDW0 = type[2:0] | info[15:8] | log page[23:16]. */
public final class AsyncEvent {
    public static final int TYPE_NOTICE = 2;
    public static final int INFO_NAMESPACE_ATTRIBUTE_CHANGED = 0x00;
    public static final int INFO_DISCOVERY_CHANGED = 0xF0;
    /** Changed namespace list log page, named by a namespace attribute notice. */
    public static final int LOG_CHANGED_NAMESPACES = 0x04;

    private AsyncEvent() {
    }

    public static int cdw0(int type, int info, int logPage) {
        return type | info << 8 | logPage << 16;
    }
}
