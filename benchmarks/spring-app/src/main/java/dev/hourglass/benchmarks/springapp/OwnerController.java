package dev.hourglass.benchmarks.springapp;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/** JSON and HTML views over JPA: the routes the benchmark's first request and load use. */
@Controller
public class OwnerController {
  private final OwnerRepository owners;

  public OwnerController(OwnerRepository owners) {
    this.owners = owners;
  }

  /** The harness's readiness probe: the first 200 here means MVC, JPA, Hikari and H2 all work. */
  @GetMapping("/owners/{id}")
  @ResponseBody
  @Transactional(readOnly = true)
  public Owner owner(@PathVariable long id) {
    Owner owner = owners.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    owner.getPets().size(); // load the pets inside the transaction
    return owner;
  }

  @GetMapping("/cities/{city}/owners")
  @ResponseBody
  public List<Owner> byCity(@PathVariable String city) {
    return owners.findByCity(city);
  }

  @GetMapping("/owners/{id}/page")
  @Transactional(readOnly = true)
  public String ownerPage(@PathVariable long id, Model model) {
    model.addAttribute("owner", owner(id));
    return "owner";
  }

  @GetMapping("/fast")
  @ResponseBody
  public String fast() {
    return "ok";
  }
}
