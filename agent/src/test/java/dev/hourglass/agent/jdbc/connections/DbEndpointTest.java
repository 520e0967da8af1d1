package dev.hourglass.agent.jdbc.connections;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DbEndpointTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://db.example.com:5433/app?password=hunter2 | postgresql | db.example.com | 5433",
        "jdbc:postgresql://localhost/app | postgresql | localhost | 5432",
        "jdbc:postgresql://h1:5432,h2:5432/app | postgresql | h1 | 5432",
        "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1 | h2database | '' | ''",
        "jdbc:h2:tcp://dbhost:9092/~/test | h2database | dbhost | 9092",
        "jdbc:mysql://user:hunter2@mysql.local:3307/app | mysql | mysql.local | 3307",
        "jdbc:mariadb://maria/app | mariadb | maria | 3306",
        "jdbc:sqlserver://sql.local:1444;databaseName=app;password=hunter2 | microsoft.sql_server | sql.local | 1444",
        "jdbc:oracle:thin:scott/hunter2@ora.local:1522:ORCL | oracle.db | ora.local | 1522",
        "jdbc:oracle:thin:@//ora.local/service | oracle.db | ora.local | 1521",
        "jdbc:postgresql://[::1]:5499/app | postgresql | [::1] | 5499",
        "jdbc:unknown:whatever | other_sql | '' | ''",
      })
  void parsesSystemAddressAndPortAndNothingElse(
      String url, String system, String address, String port) {
    DbEndpoint endpoint = DbEndpoint.fromUrl(url);
    assertThat(endpoint).isEqualTo(new DbEndpoint(system, address, port));
    assertThat(endpoint.toString()).doesNotContain("hunter2");
  }
}
