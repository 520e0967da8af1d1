package dev.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.it.harness.PostgresCluster;
import dev.hourglass.sample.db.Database;
import dev.hourglass.sample.db.Dialect;
import dev.hourglass.sample.db.JdbcSettings;
import dev.hourglass.sample.db.Owner;
import dev.hourglass.sample.db.OwnerStore;
import dev.hourglass.sample.db.OwnerWithPets;
import dev.hourglass.sample.db.Pet;
import dev.hourglass.sample.db.Schema;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample app's queries, which it runs on H2 by default, against a real PostgreSQL 15 (no agent
 * here: this holds the sample app itself to its PostgreSQL dialect).
 */
class SampleAppPostgresQueriesIT {
  private static PostgresCluster postgres;
  private static Database database;
  private static OwnerStore store;

  @BeforeAll
  static void openPostgres() throws SQLException {
    postgres = PostgresCluster.start("sample_queries");
    database = Database.open(new JdbcSettings(postgres.jdbcUrl(), postgres.user(), ""));
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
    if (postgres != null) {
      postgres.close();
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
