package io.ferry;

import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;

import java.util.Arrays;

/**
 * One backend's share of a transfer; maps the backend's descriptor indices to the transfer's. The
 * map is null when the backend has every descriptor, in order (the common case).
 */
final class TransferPart implements TransferProgress {
    private final Transfer transfer;
    private final int[] globalIndex;
    private BackendTransfer backendTransfer;

    TransferPart(Transfer transfer, int[] globalIndex) {
        this.transfer = transfer;
        this.globalIndex = globalIndex;
    }

    void bind(BackendTransfer prepared) {
        this.backendTransfer = prepared;
    }

    BackendTransfer backendTransfer() {
        return backendTransfer;
    }

    /** The index in this part of the transfer's descriptor {@code global}, or -1 when another part has it. */
    int localIndexOf(int global) {
        return globalIndex == null ? global : Arrays.binarySearch(globalIndex, global);
    }

    int size() {
        return globalIndex == null ? transfer.descriptors().size() : globalIndex.length;
    }

    @Override
    public void started() {
        transfer.markStarted();
    }

    @Override
    public void descriptorDone(int index) {
        transfer.descriptorDone();
    }

    @Override
    public void descriptorFailed(int index, FerryException cause) {
        transfer.descriptorFailed(globalIndex == null ? index : globalIndex[index], cause);
    }

    @Override
    public boolean isCancelRequested() {
        return transfer.isCancelRequested();
    }
}
