package ru.openkassa.server.console;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.LegalEntity;

/** The account's legal entities: registers and groups belong to one, so an account starts here. */
@Controller
class LegalEntitiesPage {

    /** ЕНВД was abolished in 2021: a new entity cannot choose it. */
    static final List<TaxSystem> TAX_SYSTEMS = List.of(TaxSystem.OSN, TaxSystem.USN_INCOME,
            TaxSystem.USN_INCOME_OUTCOME, TaxSystem.ESN, TaxSystem.PATENT);

    private final FleetService fleet;
    private final AuditLog audit;

    LegalEntitiesPage(FleetService fleet, AuditLog audit) {
        this.fleet = fleet;
        this.audit = audit;
    }

    record EntityForm(String name, String inn, Set<String> taxSystems, String email, String address) {
    }

    @GetMapping("/console/entities")
    String entities(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("form", new EntityForm("", "", Set.of(), "", ""));
        return page(user, model, Map.of());
    }

    private String page(ConsoleUser user, Model model, Map<String, String> errors) {
        return page(user, model, errors, Map.of());
    }

    /** @param addressErrors a refused address's message key, by the entity it was meant for */
    private String page(ConsoleUser user, Model model, Map<String, String> errors, Map<Long, String> addressErrors) {
        model.addAttribute("entities", fleet.legalEntities(user.accountId()));
        model.addAttribute("addressErrors", addressErrors);
        model.addAttribute("taxSystems", TAX_SYSTEMS);
        model.addAttribute("errors", errors);
        return "console/entities";
    }

    @PostMapping("/console/entities")
    String create(@AuthenticationPrincipal ConsoleUser user, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String inn, @RequestParam(required = false) Set<String> taxSystems,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String address, Model model,
            RedirectAttributes redirect) {
        EntityForm form = new EntityForm(name.trim(), inn.trim(), taxSystems == null ? Set.of() : taxSystems, email.trim(),
                address.trim());
        int bits = TAX_SYSTEMS.stream().filter(t -> form.taxSystems().contains(t.name())).mapToInt(TaxSystem::bit).sum();
        Map<String, String> errors = FormErrors.of(
                fleet.checkNewLegalEntity(user.accountId(), form.name(), form.inn(), bits, form.email(), form.address()),
                "entity");
        if (!errors.isEmpty()) {
            model.addAttribute("form", form);
            return page(user, model, errors);
        }
        fleet.addLegalEntity(user.accountId(), form.name(), form.inn(), bits, form.email().isEmpty() ? null : form.email(),
                form.address());
        audit.record(user.accountId(), user.homeAccountId(), user.login(), "entity.created",
                form.name() + " (ИНН " + form.inn() + ")");
        redirect.addFlashAttribute("notice", "notice.saved");
        return "redirect:/console/entities";
    }

    @PostMapping("/console/entities/{id}/address")
    String changeAddress(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
            @RequestParam(defaultValue = "") String address, Model model, RedirectAttributes redirect) {
        LegalEntity entity = fleet.legalEntities(user.accountId()).stream().filter(e -> e.id() == id).findFirst()
                .orElseThrow(ConsoleAdvice.NotFound::new);
        Map<String, String> errors = FormErrors.of(fleet.checkAddress(address.trim()), "entity");
        if (!errors.isEmpty()) {
            model.addAttribute("form", new EntityForm("", "", Set.of(), "", ""));
            return page(user, model, Map.of(), Map.of(id, errors.get("address")));
        }
        fleet.changeLegalEntityAddress(user.accountId(), id, address.trim());
        audit.record(user.accountId(), user.homeAccountId(), user.login(), "entity.address-changed",
                entity.name() + " (ИНН " + entity.inn() + "): " + address.trim());
        redirect.addFlashAttribute("notice", "notice.saved");
        return "redirect:/console/entities";
    }
}
