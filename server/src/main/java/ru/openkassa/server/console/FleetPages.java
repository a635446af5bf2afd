package ru.openkassa.server.console;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.openkassa.server.audit.AuditLog;
import ru.openkassa.server.fleet.DeadlinePolicy;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.GroupRemoval;
import ru.openkassa.server.fleet.LegalEntity;
import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RegisterTransfers;
import ru.openkassa.server.fleet.RoutingGroup;

/**
 * "Groups and registers": the account's registers and groups, adding a register (the server issues
 * its ID), its "General" page, a new ID, retirement; adding, renaming and deleting groups. Every
 * lookup goes through the logged-in account, so another account's ids are simply not found.
 */
@Controller
class FleetPages {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Moscow");

    private final FleetService fleet;
    private final RegisterService registers;
    private final RegisterTransfers transfers;
    private final AuditLog audit;
    private final RegisterStatePages live;

    FleetPages(FleetService fleet, RegisterService registers, RegisterTransfers transfers,
            AuditLog audit, RegisterStatePages live) {
        this.live = live;
        this.fleet = fleet;
        this.registers = registers;
        this.transfers = transfers;
        this.audit = audit;
    }

    @GetMapping("/console/fleet")
    String fleet(@AuthenticationPrincipal ConsoleUser user, Model model) {
        long account = user.accountId();
        model.addAttribute("registers", registers.list(account).stream()
                .sorted(Comparator.comparing(Register::isRetired).thenComparing(Register::name)).toList());
        model.addAttribute("groups", fleet.groups(account).stream().sorted(Comparator.comparing(RoutingGroup::name)).toList());
        model.addAttribute("incoming", transfers.incoming(account));
        model.addAttribute("entities", fleet.legalEntities(account));
        addNames(account, model);
        return "console/fleet";
    }

    // ---- registers

    @GetMapping("/console/registers/new")
    String newRegister(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("form", new RegisterForm("", null, Set.of()));
        return registerForm(user.accountId(), model, Map.of());
    }

    record RegisterForm(String name, Long legalEntity, Set<Long> groups) {
    }

    @PostMapping("/console/registers")
    String createRegister(@AuthenticationPrincipal ConsoleUser user, @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) Long legalEntity, @RequestParam(required = false) Set<Long> groups,
            Model model) {
        long account = user.accountId();
        Set<Long> groupIds = groups == null ? Set.of() : groups;
        RegisterForm form = new RegisterForm(name.trim(), legalEntity, groupIds);
        Map<String, String> errors = new LinkedHashMap<>();
        checkName(form.name(), errors);
        LegalEntity entity = legalEntity == null ? null : fleet.legalEntities(account).stream()
                .filter(e -> e.id() == legalEntity).findFirst().orElseThrow(ConsoleAdvice.NotFound::new);
        if (entity == null) {
            errors.put("legalEntity", "register.legalEntity.required");
        } else {
            checkGroups(account, entity.id(), groupIds, errors);
        }
        if (!errors.isEmpty()) {
            model.addAttribute("form", form);
            return registerForm(account, model, errors);
        }
        Register register = registers.create(account, entity.id(), form.name(), DEFAULT_ZONE, groupIds);
        record(user, "register.created", register);
        return "redirect:/console/registers/" + register.id() + "?created";
    }

    private String registerForm(long account, Model model, Map<String, String> errors) {
        model.addAttribute("entities", fleet.legalEntities(account));
        model.addAttribute("allGroups", fleet.groups(account));
        model.addAttribute("errors", errors);
        return "console/register-new";
    }

    @GetMapping("/console/registers/{id}")
    String register(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, Model model) {
        Register register = register(user, id);
        model.addAttribute("form", new RegisterForm(register.name(), register.legalEntityId(), register.groupIds()));
        return registerPage(user.accountId(), register, model, Map.of());
    }

    private String registerPage(long account, Register register, Model model, Map<String, String> errors) {
        model.addAttribute("register", register);
        model.addAttribute("entityGroups", fleet.groups(account).stream()
                .filter(g -> g.legalEntityId() == register.legalEntityId()).toList());
        model.addAttribute("errors", errors);
        model.addAttribute("transfer", transfers.pending(account, register.id()).orElse(null));
        model.addAttribute("owners", transfers.history(account, register.id()));
        live.addLive(account, register, model);
        addNames(account, model);
        return "console/register";
    }

    @PostMapping("/console/registers/{id}")
    String updateRegister(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
            @RequestParam(defaultValue = "") String name, @RequestParam(required = false) Set<Long> groups,
            Model model, RedirectAttributes redirect) {
        Register register = register(user, id);
        Set<Long> groupIds = groups == null ? Set.of() : groups;
        Map<String, String> errors = new LinkedHashMap<>();
        checkName(name.trim(), errors);
        checkGroups(user.accountId(), register.legalEntityId(), groupIds, errors);
        if (!errors.isEmpty()) {
            model.addAttribute("form", new RegisterForm(name.trim(), register.legalEntityId(), groupIds));
            return registerPage(user.accountId(), register, model, errors);
        }
        Register updated = registers.update(user.accountId(), id, name.trim(), groupIds);
        record(user, "register.changed", updated);
        redirect.addFlashAttribute("notice", "notice.saved");
        return "redirect:/console/registers/" + id;
    }

    @PostMapping("/console/registers/{id}/reissue-id")
    String reissue(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, RedirectAttributes redirect) {
        Register register = register(user, id);
        if (register.isRetired()) {
            throw new ConsoleAdvice.NotFound();
        }
        Register reissued = registers.reissueId(user.accountId(), id);
        audit.record(user.accountId(), user.homeAccountId(), user.login(), "register.id-reissued",
                reissued.name() + " " + register.registerId() + " → " + reissued.registerId());
        redirect.addFlashAttribute("notice", "register.reissued");
        return "redirect:/console/registers/" + id;
    }

    @PostMapping("/console/registers/{id}/retire")
    String retire(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, RedirectAttributes redirect) {
        Register register = register(user, id);
        if (registers.retire(user.accountId(), id)) {
            record(user, "register.retired", register);
        }
        redirect.addFlashAttribute("notice", "register.retiredNotice");
        return "redirect:/console/registers/" + id;
    }

    private Register register(ConsoleUser user, long id) {
        return registers.find(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
    }

    private void record(ConsoleUser user, String action, Register register) {
        audit.record(user.accountId(), user.homeAccountId(), user.login(), action,
                register.label());
    }

    private static void checkName(String name, Map<String, String> errors) {
        if (name.isEmpty() || name.length() > 128) {
            errors.put("name", "register.name.required");
        }
    }

    /** Groups of this account (else: not found) and of the register's legal entity (else: a field error). */
    private void checkGroups(long account, long legalEntityId, Set<Long> groupIds, Map<String, String> errors) {
        Map<Long, RoutingGroup> groups = fleet.groups(account).stream()
                .collect(Collectors.toMap(RoutingGroup::id, Function.identity()));
        for (long groupId : groupIds) {
            RoutingGroup group = groups.get(groupId);
            if (group == null) {
                throw new ConsoleAdvice.NotFound();
            }
            if (group.legalEntityId() != legalEntityId) {
                errors.put("groups", "register.groups.otherEntity");
            }
        }
    }

    // ---- groups

    record GroupForm(String name, String code, Long legalEntity, String paymentAddress) {
    }

    @GetMapping("/console/groups/new")
    String newGroup(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("form", new GroupForm("", "", null, ""));
        return groupForm(user.accountId(), model, Map.of());
    }

    private String groupForm(long account, Model model, Map<String, String> errors) {
        model.addAttribute("entities", fleet.legalEntities(account));
        model.addAttribute("errors", errors);
        return "console/group-new";
    }

    @PostMapping("/console/groups")
    String createGroup(@AuthenticationPrincipal ConsoleUser user, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String code, @RequestParam(required = false) Long legalEntity,
            @RequestParam(defaultValue = "") String paymentAddress, Model model) {
        long account = user.accountId();
        GroupForm form = new GroupForm(name.trim(), code.trim(), legalEntity, paymentAddress.trim());
        if (legalEntity != null && fleet.legalEntities(account).stream().noneMatch(e -> e.id() == legalEntity)) {
            throw new ConsoleAdvice.NotFound();
        }
        Map<String, String> errors = FormErrors.of(
                fleet.checkNewGroup(account, form.code(), form.name(), legalEntity, form.paymentAddress()), "group");
        if (!errors.isEmpty()) {
            model.addAttribute("form", form);
            return groupForm(account, model, errors);
        }
        long id = fleet.addGroup(account, form.code(), form.name(), legalEntity, form.paymentAddress(),
                DeadlinePolicy.MINUTES_5);
        audit.record(account, user.homeAccountId(), user.login(), "group.created", form.name());
        return "redirect:/console/groups/" + id;
    }

    @GetMapping("/console/groups/{id}")
    String group(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, Model model) {
        RoutingGroup group = group(user, id);
        model.addAttribute("name", group.name());
        return groupPage(user.accountId(), group, model, Map.of());
    }

    private String groupPage(long account, RoutingGroup group, Model model, Map<String, String> errors) {
        model.addAttribute("group", group);
        model.addAttribute("members", registers.list(account).stream().filter(r -> r.groupIds().contains(group.id()))
                .toList());
        model.addAttribute("errors", errors);
        addNames(account, model);
        return "console/group";
    }

    @PostMapping("/console/groups/{id}")
    String renameGroup(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
            @RequestParam(defaultValue = "") String name, Model model, RedirectAttributes redirect) {
        RoutingGroup group = group(user, id);
        String newName = name.trim();
        Map<String, String> errors = FormErrors.of(fleet.checkGroupName(user.accountId(), newName, id), "group");
        if (!errors.isEmpty()) {
            model.addAttribute("name", newName);
            return groupPage(user.accountId(), group, model, errors);
        }
        fleet.renameGroup(user.accountId(), id, newName);
        audit.record(user.accountId(), user.homeAccountId(), user.login(), "group.renamed", group.name() + " → " + newName);
        redirect.addFlashAttribute("notice", "notice.saved");
        return "redirect:/console/groups/" + id;
    }

    @PostMapping("/console/groups/{id}/delete")
    String deleteGroup(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, RedirectAttributes redirect) {
        RoutingGroup group = group(user, id);
        GroupRemoval removal = fleet.deleteGroup(user.accountId(), id);
        switch (removal) {
            case DELETED -> {
                audit.record(user.accountId(), user.homeAccountId(), user.login(), "group.deleted", group.name());
                redirect.addFlashAttribute("notice", "group.deleted");
                return "redirect:/console/fleet";
            }
            case NOT_FOUND -> throw new ConsoleAdvice.NotFound();
            case HAS_REGISTERS -> redirect.addFlashAttribute("problem", "group.delete.hasRegisters");
            case HAS_API_LOGINS -> redirect.addFlashAttribute("problem", "group.delete.hasApiLogins");
            case HAS_RECEIPTS -> redirect.addFlashAttribute("problem", "group.delete.hasReceipts");
        }
        return "redirect:/console/groups/" + id;
    }

    private RoutingGroup group(ConsoleUser user, long id) {
        return fleet.findGroup(user.accountId(), id).orElseThrow(ConsoleAdvice.NotFound::new);
    }

    /** Names of the account's legal entities and groups by id, for the tables. */
    private void addNames(long account, Model model) {
        model.addAttribute("entityNames", fleet.legalEntities(account).stream()
                .collect(Collectors.toMap(LegalEntity::id, LegalEntity::name)));
        model.addAttribute("groupNames", fleet.groups(account).stream()
                .collect(Collectors.toMap(RoutingGroup::id, RoutingGroup::name)));
    }
}
