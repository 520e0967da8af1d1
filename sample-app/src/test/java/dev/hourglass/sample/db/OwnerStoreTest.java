package dev.hourglass.sample.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** What the servlets cannot show from outside: transactions are all-or-nothing, and the slow query is slow. */
class OwnerStoreTest {

    private Database database;
    private OwnerStore store;

    @BeforeEach
    void openSeededDatabase(TestInfo test) throws SQLException {
        database = Database.open(JdbcSettings.h2InMemory("OwnerStoreTest_" + test.getTestMethod().orElseThrow().getName()));
        Schema.initialize(database);
        store = new OwnerStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void insertingAnOwnerIsAllOrNothing() throws SQLException {
        String tooLongForTheColumn = "x".repeat(101);

        assertThatThrownBy(() -> store.insertOwner("Half Done", "Graz", List.of("Rex", tooLongForTheColumn)))
                .isInstanceOf(SQLException.class);

        assertThat(store.listOwners()).hasSize(50).extracting(Owner::name).doesNotContain("Half Done");
    }

    @Test
    void batchInsertRunsOneStatementPerRow() throws SQLException {
        assertThat(store.insertOwnersInBatch(3)).isEqualTo(3);

        assertThat(store.listOwners()).hasSize(53).last()
                .extracting(Owner::name, Owner::city).containsExactly("Batch owner 3 of 3", "Batchton");
    }

    @Test
    void nPlusOneReadsOwnersInIdOrderWithTheirOwnPets() throws SQLException {
        List<OwnerWithPets> owners = store.ownersWithPetsOneQueryPerOwner(3);

        assertThat(owners).extracting(o -> o.owner().id()).containsExactly(1L, 2L, 3L);
        assertThat(owners.get(2).pets()).extracting(Pet::name).containsExactly("Noodle", "Olive");
    }

    @Test
    void slowQueryTakesAtLeastTheRequestedTime() throws SQLException {
        long start = System.nanoTime();
        store.slowQuery(120);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(120);
    }

    @Test
    void dialectIsChosenByDatabaseProductName() {
        assertThat(database.dialect()).isEqualTo(Dialect.H2);
        assertThat(Dialect.forProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
        assertThatThrownBy(() -> Dialect.forProductName("MySQL"))
                .hasMessage("Unsupported database 'MySQL': the sample app speaks H2 and PostgreSQL");
    }
}
