package dev.hourglass.sample.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class SchemaTest {

    private Database database;

    @BeforeEach
    void openEmptyDatabase(TestInfo test) throws SQLException {
        database = Database.open(JdbcSettings.h2InMemory("SchemaTest_" + test.getTestMethod().orElseThrow().getName()));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void seedsFiftyOwnersWithTwoPetsEach() throws SQLException {
        Schema.initialize(database);

        assertThat(count("SELECT COUNT(*) FROM owners")).isEqualTo(50);
        assertThat(count("SELECT COUNT(*) FROM pets")).isEqualTo(100);
        assertThat(count("SELECT COUNT(*) FROM (SELECT owner_id FROM pets GROUP BY owner_id HAVING COUNT(*) = 2) t"))
                .isEqualTo(50);
    }

    @Test
    void runningItAgainAddsNothing() throws SQLException {
        Schema.initialize(database);
        Schema.initialize(database);

        assertThat(count("SELECT COUNT(*) FROM owners")).isEqualTo(50);
        assertThat(count("SELECT COUNT(*) FROM pets")).isEqualTo(100);
    }

    @Test
    void doesNotSeedATableThatAlreadyHasOwners() throws SQLException {
        Schema.initialize(database);
        new OwnerStore(database).insertOwner("Extra", "Graz", List.of());
        execute("DELETE FROM pets");
        execute("DELETE FROM owners WHERE name <> 'Extra'");

        Schema.initialize(database);

        assertThat(count("SELECT COUNT(*) FROM owners")).isEqualTo(1);
    }

    @Test
    void seedDataIsTheSameOnEveryStart() {
        assertThat(SeedData.owners()).hasSize(50).doesNotHaveDuplicates();
        assertThat(SeedData.owners().get(0))
                .isEqualTo(new SeedData.SeedOwner("Ada Marsh", "Lisbon", List.of("Biscuit", "Pepper")));
        assertThat(SeedData.owners().stream().map(SeedData.SeedOwner::name).distinct()).hasSize(50);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
