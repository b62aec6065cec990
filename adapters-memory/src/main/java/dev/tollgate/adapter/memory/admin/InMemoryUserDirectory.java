package dev.tollgate.adapter.memory.admin;

import dev.tollgate.port.spi.admin.DirectoryEntry;
import dev.tollgate.port.spi.admin.UserDirectory;
import dev.tollgate.port.spi.admin.UserFilter;
import dev.tollgate.port.spi.admin.UserOrder;
import dev.tollgate.port.spi.admin.UserPosition;
import java.util.List;

/** Being built (issue 11). */
public final class InMemoryUserDirectory implements UserDirectory {

    @Override
    public List<DirectoryEntry> search(UserFilter filter, UserOrder order, UserPosition after, int limit) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public long count(UserFilter filter) {
        throw new UnsupportedOperationException("not built yet");
    }
}
