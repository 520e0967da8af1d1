package dev.hourglass.benchmarks.springapp;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A few owners with pets, written through JPA at start-up as a real app's migrations would. */
@Component
public class SampleData implements ApplicationRunner {
  private final OwnerRepository owners;

  public SampleData(OwnerRepository owners) {
    this.owners = owners;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    String[] cities = {"Madison", "Sun Prairie", "McFarland", "Windsor"};
    for (int i = 1; i <= 20; i++) {
      Owner owner = new Owner("Owner " + i, cities[i % cities.length]);
      owner.getPets().add(new Pet("Pet " + i, i % 2 == 0 ? "cat" : "dog", owner));
      owners.save(owner);
    }
  }
}
