package io.ferry.nvmf.host;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NvmeAddressTest {
    @Test
    void shouldParseHostPortNqnAndNamespace() {
        NvmeAddress address = NvmeAddress.parse("nvme+tcp://10.0.0.5:4421/nqn.2016-06.io.spdk:cnode1/3");
        assertThat(address).isEqualTo(new NvmeAddress("10.0.0.5", 4421, "nqn.2016-06.io.spdk:cnode1", 3));
        assertThat(address.toString()).isEqualTo("nvme+tcp://10.0.0.5:4421/nqn.2016-06.io.spdk:cnode1/3");
    }

    @Test
    void shouldDefaultThePortAndAllowIpv6AndNoNamespace() {
        assertThat(NvmeAddress.parse("nvme+tcp://[::1]/nqn.a:b")).isEqualTo(new NvmeAddress("::1", 4420, "nqn.a:b", 0));
        assertThat(NvmeAddress.parse("NVME+TCP://host:1/nqn.x/")).isEqualTo(new NvmeAddress("host", 1, "nqn.x", 0));
        assertThat(NvmeAddress.parseHostPort("127.0.0.1:4420").subsystemNqn()).isEqualTo(NvmeAddress.DISCOVERY_NQN);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "h:4421|h|4421",
            "h|h|4420",
            "[::1]:7|::1|7",
            "nvme+tcp://h:4421|h|4421",
            "nvme+tcp://h/|h|4420",
            "nvme+tcp://h:9/nqn.2014-08.org.nvmexpress.discovery|h|9"})
    void shouldNameADiscoveryControllerWithOrWithoutTheScheme(String text, String host, int port) {
        assertThat(NvmeAddress.parseHostPort(text)).isEqualTo(new NvmeAddress(host, port, NvmeAddress.DISCOVERY_NQN, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nvme+tcp://h:99999|port 99999 is not in 1..65535",
            "nvme+tcp://h:1/nqn.x/1|named by HOST:PORT alone",
            "h:1:2|IPv6 address must be written in brackets",
            "''|expected HOST:PORT"})
    void shouldRefuseADiscoveryAddressWithAPreciseMessage(String text, String problem) {
        assertThatThrownBy(() -> NvmeAddress.parseHostPort(text)).isInstanceOf(FerryException.class)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tcp://h:1/nqn.x/1|must start with nvme+tcp://",
            "nvme+tcp://h:1|subsystem NQN is missing",
            "nvme+tcp://:1/nqn.x/1|host is missing",
            "nvme+tcp://h:70000/nqn.x/1|port 70000 is not in 1..65535",
            "nvme+tcp://h:x/nqn.x/1|port 'x' is not a decimal number",
            "nvme+tcp://h:1/nqn.x/0|namespace id 0 is not in",
            "nvme+tcp://h:1/nqn.x/1/2|namespace id '1/2' is not a decimal number",
            "nvme+tcp://h:1/disk/1|does not start with 'nqn.'",
            "nvme+tcp://::1:4420/nqn.x/1|IPv6 address must be written in brackets",
            "nvme+tcp://[::1:4420/nqn.x/1|lacks its ']'"})
    void shouldRefuseWithAPreciseMessage(String text, String problem) {
        assertThatThrownBy(() -> NvmeAddress.parse(text)).isInstanceOf(FerryException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining(problem)
                .extracting(e -> ((FerryException) e).errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
}
