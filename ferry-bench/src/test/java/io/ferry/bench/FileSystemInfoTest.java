package io.ferry.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemInfoTest {
    /** Lines as the kernel writes them: optional fields vary in number, paths escape spaces. */
    static final String MOUNT_INFO = """
            22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro
            23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
            30 22 0:26 / /tmp rw,nosuid,nodev shared:14 master:3 - tmpfs tmpfs rw,size=8G
            31 22 259:3 / /tmpdata rw,relatime - xfs /dev/nvme1n1 rw,attr2
            40 22 259:5 / /mnt/fast\\040disk rw,relatime shared:20 - ext4 /dev/sdb\\0401 rw
            41 30 0:40 / /tmp rw,relatime shared:30 - overlay overlay rw,lowerdir=/a
            broken line without a separator
            """;

    @Test
    void shouldPickTheLongestMountPointThatHoldsTheDirectory() {
        assertThat(FileSystemInfo.fromMountInfo(MOUNT_INFO, Path.of("/tmpdata/runs")))
                .isEqualTo(new FileSystemInfo("xfs", "/dev/nvme1n1", "/tmpdata"));
        assertThat(FileSystemInfo.fromMountInfo(MOUNT_INFO, Path.of("/home/me")))
                .isEqualTo(new FileSystemInfo("ext4", "/dev/nvme0n1p2", "/"));
    }

    @Test
    void shouldMatchWholePathComponentsOnly() {
        assertThat(FileSystemInfo.fromMountInfo(MOUNT_INFO, Path.of("/tmpx")).mountPoint()).isEqualTo("/");
    }

    @Test
    void shouldTakeTheLastOfMountsStackedOnOnePoint() {
        assertThat(FileSystemInfo.fromMountInfo(MOUNT_INFO, Path.of("/tmp/ferry")))
                .isEqualTo(new FileSystemInfo("overlay", "overlay", "/tmp"));
    }

    @Test
    void shouldUnescapeSpacesInMountPointsAndSources() {
        assertThat(FileSystemInfo.fromMountInfo(MOUNT_INFO, Path.of("/mnt/fast disk/bench")))
                .isEqualTo(new FileSystemInfo("ext4", "/dev/sdb 1", "/mnt/fast disk"));
        assertThat(FileSystemInfo.unescape("a\\134b\\011c\\04")).isEqualTo("a\\b\tc\\04");
    }

    @Test
    void shouldBeUnknownWhenNoLineMatches() {
        assertThat(FileSystemInfo.fromMountInfo("", Path.of("/data"))).isEqualTo(FileSystemInfo.UNKNOWN);
        assertThat(FileSystemInfo.fromMountInfo("garbage\n1 2 3\n", Path.of("/data"))).isEqualTo(FileSystemInfo.UNKNOWN);
    }

    @Test
    void shouldFindTheMountOfADirectoryThatDoesNotExistYetOnThisMachine(@TempDir Path directory) {
        FileSystemInfo missing = FileSystemInfo.of(directory.resolve("a/b"));

        assertThat(missing).isEqualTo(FileSystemInfo.of(directory));
    }
}
