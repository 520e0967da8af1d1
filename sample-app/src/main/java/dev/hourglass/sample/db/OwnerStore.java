package dev.hourglass.sample.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every query the web endpoints run, in plain JDBC so the statements the agent times are exactly the ones
 * written here. Each method borrows one pooled connection for its whole duration.
 */
public final class OwnerStore {

    private static final String OWNER_COLUMNS = "SELECT id, name, city FROM owners";

    private final Database database;

    public OwnerStore(Database database) {
        this.database = database;
    }

    /** All owners in id order, in one SELECT. */
    public List<Owner> listOwners() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(OWNER_COLUMNS + " ORDER BY id")) {
            return readOwners(rows);
        }
    }

    public Optional<Owner> findOwner(long id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(OWNER_COLUMNS + " WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return readOwners(rows).stream().findFirst();
            }
        }
    }

    /**
     * The classic N+1 pattern, on purpose: one SELECT for the first {@code limit} owners, then one SELECT of
     * pets per owner. A join would answer in a single statement; this endpoint exists to be measured.
     */
    public List<OwnerWithPets> ownersWithPetsOneQueryPerOwner(int limit) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            List<Owner> owners;
            try (PreparedStatement statement =
                         connection.prepareStatement(OWNER_COLUMNS + " ORDER BY id FETCH FIRST ? ROWS ONLY")) {
                statement.setInt(1, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    owners = readOwners(rows);
                }
            }
            List<OwnerWithPets> result = new ArrayList<>(owners.size());
            try (PreparedStatement petsOfOwner =
                         connection.prepareStatement("SELECT id, name FROM pets WHERE owner_id = ? ORDER BY id")) {
                for (Owner owner : owners) {
                    petsOfOwner.setLong(1, owner.id());
                    try (ResultSet rows = petsOfOwner.executeQuery()) {
                        result.add(new OwnerWithPets(owner, readPets(rows)));
                    }
                }
            }
            return result;
        }
    }

    /** Inserts an owner and its pets in one transaction: all rows or none. Returns the new owner. */
    public Owner insertOwner(String name, String city, List<String> petNames) throws SQLException {
        return Transactions.inTransaction(database.dataSource(), connection -> {
            long id;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO owners (name, city) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                id = insertOwnerRow(insert, name, city);
            }
            try (PreparedStatement insertPet =
                         connection.prepareStatement("INSERT INTO pets (owner_id, name) VALUES (?, ?)")) {
                for (String petName : petNames) {
                    insertPet.setLong(1, id);
                    insertPet.setString(2, petName);
                    insertPet.executeUpdate();
                }
            }
            return new Owner(id, name, city);
        });
    }

    /**
     * Inserts {@code count} generated owners with one JDBC batch (addBatch / executeBatch) in one transaction.
     * Returns how many statements the batch ran; executeBatch throws if any of them failed.
     */
    public int insertOwnersInBatch(int count) throws SQLException {
        return Transactions.inTransaction(database.dataSource(), connection -> {
            try (PreparedStatement insert =
                         connection.prepareStatement("INSERT INTO owners (name, city) VALUES (?, ?)")) {
                for (int i = 1; i <= count; i++) {
                    insert.setString(1, "Batch owner " + i + " of " + count);
                    insert.setString(2, "Batchton");
                    insert.addBatch();
                }
                return insert.executeBatch().length;
            }
        });
    }

    /** One statement that takes about {@code millis} inside the database. */
    public void slowQuery(int millis) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = database.dialect().prepareSleep(connection, millis);
             ResultSet ignored = statement.executeQuery()) {
            // The result (H2: the millis, PostgreSQL: void) carries nothing; the time spent is the point.
        }
    }

    /** Runs a prepared {@code INSERT INTO owners (name, city)} that was prepared with generated keys. */
    static long insertOwnerRow(PreparedStatement insert, String name, String city) throws SQLException {
        insert.setString(1, name);
        insert.setString(2, city);
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id for the new owner");
            }
            // H2 returns just the identity column, PostgreSQL the whole row; id is the first column in both.
            return keys.getLong(1);
        }
    }

    private static List<Owner> readOwners(ResultSet rows) throws SQLException {
        List<Owner> owners = new ArrayList<>();
        while (rows.next()) {
            owners.add(new Owner(rows.getLong("id"), rows.getString("name"), rows.getString("city")));
        }
        return owners;
    }

    private static List<Pet> readPets(ResultSet rows) throws SQLException {
        List<Pet> pets = new ArrayList<>();
        while (rows.next()) {
            pets.add(new Pet(rows.getLong("id"), rows.getString("name")));
        }
        return pets;
    }
}
