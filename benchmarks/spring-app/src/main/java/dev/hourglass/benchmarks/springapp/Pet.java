package dev.hourglass.benchmarks.springapp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Pet {
  @Id @GeneratedValue private Long id;
  private String name;
  private String kind;

  @JsonIgnore @ManyToOne private Owner owner;

  protected Pet() {}

  public Pet(String name, String kind, Owner owner) {
    this.name = name;
    this.kind = kind;
    this.owner = owner;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getKind() {
    return kind;
  }
}
