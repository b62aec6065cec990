package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MongoUrlsTest {

    @Test
    void theDatabase_isTheUrlsPath_orTollgateWhenItHasNone() {
        assertThat(MongoUrls.databaseOf("mongodb://db.internal:27017/billing")).isEqualTo("billing");
        assertThat(MongoUrls.databaseOf("mongodb://a:1,b:2/billing?replicaSet=rs0")).isEqualTo("billing");
        assertThat(MongoUrls.databaseOf("mongodb+srv://user:p%40ss@cluster.example.net/keys?retryWrites=true"))
                .isEqualTo("keys");
        assertThat(MongoUrls.databaseOf("mongodb://db.internal:27017")).isEqualTo("tollgate");
        assertThat(MongoUrls.databaseOf("mongodb://db.internal:27017/")).isEqualTo("tollgate");
        assertThat(MongoUrls.databaseOf("mongodb://db.internal:27017/?authSource=admin")).isEqualTo("tollgate");
    }
}
