package dev.hourglass.benchmarks.springapp;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.List;

@Entity
public class Owner {
  @Id @GeneratedValue private Long id;
  @NotBlank private String name;
  private String city;

  @OneToMany(mappedBy = "owner", cascade = CascadeType.ALL)
  private List<Pet> pets = new ArrayList<>();

  protected Owner() {}

  public Owner(String name, String city) {
    this.name = name;
    this.city = city;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getCity() {
    return city;
  }

  public List<Pet> getPets() {
    return pets;
  }
}
