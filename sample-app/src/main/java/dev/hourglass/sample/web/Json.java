package dev.hourglass.sample.web;

import dev.hourglass.sample.db.Owner;
import dev.hourglass.sample.db.OwnerWithPets;
import dev.hourglass.sample.db.Pet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders the app's few row types as JSON. Hand-written because the shapes are tiny and fixed, and the app
 * should load no more libraries than the workload it demonstrates needs.
 */
final class Json {

    private Json() {
    }

    static String owner(Owner owner) {
        return "{" + ownerFields(owner) + "}";
    }

    static String owners(List<Owner> owners) {
        return array(owners, Json::owner);
    }

    static String ownersWithPets(List<OwnerWithPets> owners) {
        return array(owners, o -> "{" + ownerFields(o.owner()) + ",\"pets\":" + array(o.pets(), Json::pet) + "}");
    }

    static String pet(Pet pet) {
        return "{\"id\":" + pet.id() + ",\"name\":" + string(pet.name()) + "}";
    }

    private static String ownerFields(Owner owner) {
        return "\"id\":" + owner.id() + ",\"name\":" + string(owner.name()) + ",\"city\":" + string(owner.city());
    }

    private static <T> String array(List<T> items, Function<T, String> render) {
        return items.stream().map(render).collect(Collectors.joining(",", "[", "]"));
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped as RFC 8259 requires. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
