package dev.tollgate.testing.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestRedisTest {

    @Test
    void theTestRedis_answersPing() throws Exception {
        URI url = URI.create(TestRedis.url());

        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("+PONG");
        }
    }

    @Test
    void keyPrefixes_nameTheClass_andDifferEachTime() {
        String first = TestRedis.keyPrefix(TestRedisTest.class);
        String second = TestRedis.keyPrefix(TestRedisTest.class);

        assertThat(first).startsWith("test:TestRedisTest:").endsWith(":");
        assertThat(first).isNotEqualTo(second);
    }
}
