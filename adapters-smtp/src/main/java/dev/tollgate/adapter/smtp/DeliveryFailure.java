package dev.tollgate.adapter.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Why one delivery attempt failed, in a few words fit for a log line or an exception message,
 * and whether another attempt may succeed: connection failures, timeouts and 4xx replies
 * are transient; 5xx replies, refused credentials, a refused certificate and a server without
 * the required STARTTLS are permanent.
 */
record DeliveryFailure(boolean transientFailure, String reason) {

    DeliveryFailure {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Classifies {@code failure}; {@code lastReturnCode} is the transport's last SMTP reply
     * code, or a value below 100 when there was none.
     */
    static DeliveryFailure of(MessagingException failure, int lastReturnCode) {
        List<Throwable> chain = causes(failure);
        for (Throwable cause : chain) {
            int code = replyCode(cause);
            if (code >= 400) {
                return ofReplyCode(code);
            }
        }
        if (any(chain, AuthenticationFailedException.class)) {
            return new DeliveryFailure(false, "authentication failed");
        }
        if (any(chain, SocketTimeoutException.class)) {
            return new DeliveryFailure(true, "timeout");
        }
        if (any(chain, SSLHandshakeException.class)) {
            return new DeliveryFailure(false, "TLS handshake failed");
        }
        if (any(chain, ConnectException.class)) {
            return new DeliveryFailure(true, "connection refused");
        }
        if (any(chain, UnknownHostException.class)) {
            return new DeliveryFailure(true, "unknown host");
        }
        if (any(chain, IOException.class)) {
            return new DeliveryFailure(true, "connection lost");
        }
        if (String.valueOf(failure.getMessage()).contains("STARTTLS")) {
            return new DeliveryFailure(false, "STARTTLS not offered");
        }
        if (lastReturnCode >= 400 && lastReturnCode < 600) {
            return ofReplyCode(lastReturnCode);
        }
        return new DeliveryFailure(false, "failed");
    }

    static DeliveryFailure ofReplyCode(int code) {
        if (code >= 400 && code < 500) {
            return new DeliveryFailure(true, "deferred (" + code + ")");
        }
        if (code == 530 || code == 534 || code == 535 || code == 538) {
            return new DeliveryFailure(false, "authentication failed (" + code + ")");
        }
        return new DeliveryFailure(false, "rejected (" + code + ")");
    }

    private static int replyCode(Throwable cause) {
        if (cause instanceof SMTPSendFailedException sendFailed) {
            return sendFailed.getReturnCode();
        }
        if (cause instanceof SMTPAddressFailedException addressFailed) {
            return addressFailed.getReturnCode();
        }
        if (cause instanceof SMTPSenderFailedException senderFailed) {
            return senderFailed.getReturnCode();
        }
        return -1;
    }

    private static boolean any(List<Throwable> chain, Class<? extends Throwable> type) {
        return chain.stream().anyMatch(type::isInstance);
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t) && chain.size() < 20; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
