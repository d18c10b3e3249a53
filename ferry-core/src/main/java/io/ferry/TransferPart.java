package io.ferry;

import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;

/** One backend's share of a transfer; maps the backend's descriptor indices to the transfer's. */
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

    int size() {
        return globalIndex.length;
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
        transfer.descriptorFailed(globalIndex[index], cause);
    }

    @Override
    public boolean isCancelRequested() {
        return transfer.isCancelRequested();
    }
}
