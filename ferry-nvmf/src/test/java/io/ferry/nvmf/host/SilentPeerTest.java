package io.ferry.nvmf.host;

import io.ferry.Agent;
import io.ferry.FerryException;
import io.ferry.poll.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A port where something accepts TCP connections but never speaks NVMe/TCP: a bounded wait and a message that says so. */
@Timeout(60)
class SilentPeerTest {
    @Test
    void shouldTimeOutAConnectionThatNeverAnswersTheIcReqAndSaySo() throws Exception {
        // The kernel completes connections into the backlog: nothing accepts them, nothing answers.
        try (ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             Agent agent = Agent.builder().idleStrategy(new BackoffIdleStrategy()).build()) {
            NvmeBackend nvme = agent.attach(NvmeBackend.factory());

            assertThatThrownBy(() -> nvme.identify("nvme+tcp://127.0.0.1:" + silent.getLocalPort() + "/nqn.2026-01.io.ferry:x"))
                    .isInstanceOf(FerryException.class)
                    .hasMessageContaining("timed out during the connection's set-up: the ICReq went out, no ICResp came");
        }
    }
}
