package dev.hourglass.sample.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same queries against a real PostgreSQL, when one is offered through SAMPLE_TEST_JDBC_URL (plus
 * SAMPLE_TEST_JDBC_USER / SAMPLE_TEST_JDBC_PASSWORD); skipped otherwise, since the build has no server.
 * The database may hold rows from earlier runs, so only what this app's seed guarantees is asserted.
 */
@EnabledIfEnvironmentVariable(named = "SAMPLE_TEST_JDBC_URL", matches = "jdbc:postgresql:.*")
class PostgresCompatibilityTest {

    private static Database database;
    private static OwnerStore store;

    @BeforeAll
    static void openPostgres() throws SQLException {
        Map<String, String> env = System.getenv();
        database = Database.open(new JdbcSettings(env.get("SAMPLE_TEST_JDBC_URL"),
                env.get("SAMPLE_TEST_JDBC_USER"), env.get("SAMPLE_TEST_JDBC_PASSWORD")));
        // Twice, as two starts of the app would: the second must neither fail nor seed again.
        Schema.initialize(database);
        Schema.initialize(database);
        store = new OwnerStore(database);
    }

    @AfterAll
    static void closePostgres() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void isRecognisedAsPostgres() {
        assertThat(database.dialect()).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void seedsOnceAndReadsTheNPlusOneWay() throws SQLException {
        List<OwnerWithPets> owners = store.ownersWithPetsOneQueryPerOwner(2);

        assertThat(owners).extracting(o -> o.owner().name()).containsExactly("Ada Marsh", "Brent Marsh");
        assertThat(owners.get(0).pets()).extracting(Pet::name).containsExactly("Biscuit", "Pepper");
        assertThat(store.listOwners()).extracting(Owner::name).containsOnlyOnce("Ada Marsh");
    }

    @Test
    void insertsReturnGeneratedIdsAndBatchesCount() throws SQLException {
        Owner owner = store.insertOwner("Pg Test Owner", "Riga", List.of("Rex"));

        assertThat(store.findOwner(owner.id())).contains(owner);
        assertThat(store.insertOwnersInBatch(3)).isEqualTo(3);
    }

    @Test
    void slowQueryUsesPgSleep() throws SQLException {
        long start = System.nanoTime();
        store.slowQuery(120);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(120);
    }
}
