package dev.hourglass.sample.db;

import java.util.List;

/** An owner together with its pets, as the N+1 endpoint assembles them. */
public record OwnerWithPets(Owner owner, List<Pet> pets) {

    public OwnerWithPets {
        pets = List.copyOf(pets);
    }
}
