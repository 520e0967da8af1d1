package dev.hourglass.sample.db;

import java.util.ArrayList;
import java.util.List;

/**
 * The 50 owners with 2 pets each that a fresh database starts with. Generated from short word lists so the
 * data is the same on every start, which lets tests assert exact rows (owner 1 is always "Ada Marsh").
 */
final class SeedData {

    record SeedOwner(String name, String city, List<String> pets) {
    }

    static final int OWNER_COUNT = 50;
    static final int PETS_PER_OWNER = 2;

    private static final List<String> FIRST_NAMES =
            List.of("Ada", "Brent", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas");
    private static final List<String> LAST_NAMES = List.of("Marsh", "Okafor", "Lindqvist", "Tanaka", "Moreau");
    private static final List<String> CITIES = List.of("Lisbon", "Oslo", "Porto", "Ghent", "Tartu", "Split", "Lyon");
    private static final List<String> PET_NAMES = List.of(
            "Biscuit", "Pepper", "Miso", "Juniper", "Noodle", "Olive", "Pixel", "Quincy", "Rolo", "Saffron",
            "Tofu", "Umber", "Waffles", "Ziggy", "Clementine", "Dot", "Fennel", "Gizmo", "Hazel", "Inky");

    private SeedData() {
    }

    static List<SeedOwner> owners() {
        List<SeedOwner> owners = new ArrayList<>(OWNER_COUNT);
        for (int i = 0; i < OWNER_COUNT; i++) {
            // 10 first names x 5 last names: every owner name is distinct.
            String name = FIRST_NAMES.get(i % FIRST_NAMES.size()) + " " + LAST_NAMES.get(i / FIRST_NAMES.size());
            String city = CITIES.get(i % CITIES.size());
            List<String> pets = new ArrayList<>(PETS_PER_OWNER);
            for (int p = 0; p < PETS_PER_OWNER; p++) {
                pets.add(PET_NAMES.get((i * PETS_PER_OWNER + p) % PET_NAMES.size()));
            }
            owners.add(new SeedOwner(name, city, List.copyOf(pets)));
        }
        return List.copyOf(owners);
    }
}
