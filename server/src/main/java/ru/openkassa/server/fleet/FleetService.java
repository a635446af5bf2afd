package ru.openkassa.server.fleet;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.openkassa.core.validation.InnCheck;

/**
 * The fleet's public face for other features: accounts, legal entities, routing groups and the
 * merchant API credentials that may use them.
 */
@Service
public class FleetService {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration GROUP_CACHE_TTL = Duration.ofSeconds(5);

    private final FleetRepository repository;
    private final PasswordEncoder passwords;
    private final ReceiptsKept receipts;
    private final Clock clock;
    /**
     * Groups are looked up on every receipt: each node keeps them, refreshed in the background
     * while the known value is served, and loads a missing one once however many ask at once.
     */
    private final LoadingCache<String, Optional<RoutingGroup>> groupsByCode;
    private final LoadingCache<GroupKey, Optional<RoutingGroup>> groupsById;

    private record GroupKey(long accountId, long groupId) {
    }

    FleetService(FleetRepository repository, PasswordEncoder passwords, ReceiptsKept receipts, Clock clock) {
        this.repository = repository;
        this.passwords = passwords;
        this.receipts = receipts;
        this.clock = clock;
        this.groupsByCode = groupCache(repository::findGroupByCode);
        this.groupsById = groupCache(key -> repository.findGroup(key.accountId(), key.groupId()));
    }

    private static <K> LoadingCache<K, Optional<RoutingGroup>> groupCache(
            Function<K, Optional<RoutingGroup>> loader) {
        return Caffeine.newBuilder()
                .maximumSize(10_000)
                .refreshAfterWrite(GROUP_CACHE_TTL)
                .expireAfterWrite(GROUP_CACHE_TTL.multipliedBy(2))
                .build(loader::apply);
    }

    @Transactional
    public long createAccount(String number, String name) {
        return repository.insertAccount(number, name, OffsetDateTime.now(clock));
    }

    public Optional<Long> findAccountByNumber(String number) {
        return repository.findAccountByNumber(number);
    }

    public Optional<Account> findAccount(long accountId) {
        return repository.findAccount(accountId);
    }

    public List<LegalEntity> legalEntities(long accountId) {
        return repository.legalEntities(accountId);
    }

    @Transactional
    public long addLegalEntity(long accountId, String name, String inn, int taxSystems, String email, String address) {
        return repository.insertLegalEntity(accountId, name, inn, taxSystems, email, address);
    }

    /** An entity whose address nobody has given yet (set up from configuration or by a test). */
    @Transactional
    public long addLegalEntity(long accountId, String name, String inn, int taxSystems, String email) {
        return addLegalEntity(accountId, name, inn, taxSystems, email, null);
    }

    public Optional<Long> findLegalEntityByInn(long accountId, String inn) {
        return repository.findLegalEntityByInn(accountId, inn);
    }

    /** The account's legal entity with this ИНН, with what its receipts need (tax systems, sender e-mail). */
    public Optional<LegalEntity> findLegalEntity(long accountId, String inn) {
        return repository.findLegalEntity(accountId, inn);
    }

    @Transactional
    public long addGroup(long accountId, String code, String name, long legalEntityId, String paymentAddress,
            DeadlinePolicy policy) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return repository.insertGroup(accountId, code, name, legalEntityId, paymentAddress, policy,
                HexFormat.of().formatHex(secret));
    }

    private static final Pattern GROUP_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** What is wrong with a new group; empty when it may be added. */
    public List<FieldProblem> checkNewGroup(long accountId, String code, String name, Long legalEntityId,
            String paymentAddress) {
        List<FieldProblem> problems = new ArrayList<>(checkGroupName(accountId, name, 0));
        if (code == null || !GROUP_CODE.matcher(code).matches()) {
            problems.add(new FieldProblem("code", "bad_format"));
        } else if (repository.groupCodeTaken(code)) {
            problems.add(new FieldProblem("code", "taken"));
        }
        if (legalEntityId == null) {
            problems.add(new FieldProblem("legal_entity", "required"));
        }
        if (paymentAddress == null || paymentAddress.isBlank() || paymentAddress.length() > 256) {
            problems.add(new FieldProblem("payment_address", "required"));
        }
        return problems;
    }

    /** What is wrong with a group's (new) name; {@code groupId} 0 for a new group. */
    public List<FieldProblem> checkGroupName(long accountId, String name, long groupId) {
        if (name == null || name.isBlank() || name.length() > 256) {
            return List.of(new FieldProblem("name", "required"));
        }
        return repository.groupNameTaken(accountId, name, groupId) ? List.of(new FieldProblem("name", "taken")) : List.of();
    }

    static final int MAX_ADDRESS = 256;

    /**
     * What is wrong with a new legal entity: its INN must pass the FNS checksum and appear once per
     * account; its address is required.
     */
    public List<FieldProblem> checkNewLegalEntity(long accountId, String name, String inn, int taxSystems, String email,
            String address) {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 256) {
            problems.add(new FieldProblem("name", "required"));
        }
        switch (InnCheck.of(inn == null ? "" : inn)) {
            case VALID -> {
                if (repository.findLegalEntityByInn(accountId, inn).isPresent()) {
                    problems.add(new FieldProblem("inn", "taken"));
                }
            }
            case WRONG_CHECKSUM -> problems.add(new FieldProblem("inn", "bad_checksum"));
            default -> problems.add(new FieldProblem("inn", "bad_format"));
        }
        if (taxSystems == 0) {
            problems.add(new FieldProblem("tax_systems", "required"));
        }
        if (email != null && !email.isEmpty() && (email.length() > 64 || !EMAIL.matcher(email).matches())) {
            problems.add(new FieldProblem("email", "bad_format"));
        }
        problems.addAll(checkAddress(address));
        return problems;
    }

    /** A legal entity's address: required, up to 256 characters. */
    public List<FieldProblem> checkAddress(String address) {
        if (address == null || address.isBlank()) {
            return List.of(new FieldProblem("address", "required"));
        }
        return address.length() > MAX_ADDRESS ? List.of(new FieldProblem("address", "too_long")) : List.of();
    }

    /** Gives a legal entity its (new) address, checked with {@link #checkAddress}; false when the account has no such entity. */
    @Transactional
    public boolean changeLegalEntityAddress(long accountId, long legalEntityId, String address) {
        return repository.updateLegalEntityAddress(accountId, legalEntityId, address) == 1;
    }

    /** Lets an API login send receipts to one more group of its account. */
    @Transactional
    public void allowGroup(long accountId, long credentialId, long groupId) {
        repository.findGroup(accountId, groupId)
                .orElseThrow(() -> new IllegalArgumentException("group " + groupId + " is not in account " + accountId));
        repository.allowGroup(accountId, credentialId, groupId);
    }

    /** Renames a group; false when the account has no such group. */
    @Transactional
    public boolean renameGroup(long accountId, long groupId, String name) {
        boolean renamed = repository.renameGroup(accountId, groupId, name) == 1;
        groupsById.invalidate(new GroupKey(accountId, groupId));
        repository.findGroup(accountId, groupId).ifPresent(g -> groupsByCode.invalidate(g.code()));
        return renamed;
    }

    /** Deletes a group nothing uses any more: no registers, no API logins, and never a receipt. */
    @Transactional
    public GroupRemoval deleteGroup(long accountId, long groupId) {
        return deleteGroup(accountId, groupId, 0);
    }

    /** The same, asked by an API login that may use the group: its own permission goes with the group. */
    @Transactional
    public GroupRemoval deleteGroup(long accountId, long groupId, long byCredentialId) {
        Optional<RoutingGroup> group = repository.findGroup(accountId, groupId);
        if (group.isEmpty()) {
            return GroupRemoval.NOT_FOUND;
        }
        if (repository.groupMembers(accountId, groupId) > 0) {
            return GroupRemoval.HAS_REGISTERS;
        }
        if (repository.groupApiLogins(accountId, groupId, byCredentialId) > 0) {
            return GroupRemoval.HAS_API_LOGINS;
        }
        if (receipts.anyInGroup(accountId, groupId)) {
            return GroupRemoval.HAS_RECEIPTS;
        }
        repository.forbidGroup(accountId, byCredentialId, groupId);
        repository.deleteGroup(accountId, groupId);
        groupsById.invalidate(new GroupKey(accountId, groupId));
        groupsByCode.invalidate(group.get().code());
        return GroupRemoval.DELETED;
    }

    /** Creates a merchant API login allowed to send receipts to the given groups of the account. */
    @Transactional
    public long addApiCredential(long accountId, String login, String password, List<Long> groupIds) {
        long id = repository.insertCredential(accountId, login, passwords.encode(password), OffsetDateTime.now(clock));
        for (long groupId : groupIds) {
            repository.findGroup(accountId, groupId)
                    .orElseThrow(() -> new IllegalArgumentException("group " + groupId + " is not in account " + accountId));
            repository.allowGroup(accountId, id, groupId);
        }
        return id;
    }

    /**
     * A group by its ATOL code. Looked up on every receipt, so each node keeps groups for a few
     * seconds; a changed group is seen everywhere within about twice {@link #GROUP_CACHE_TTL}.
     */
    public Optional<RoutingGroup> findGroupByCode(String code) {
        return code == null ? Optional.empty() : groupsByCode.get(code);
    }

    public List<RoutingGroup> groups(long accountId) {
        return repository.groups(accountId);
    }

    /** A group by id, from this node's short cache: for hot paths that tolerate seconds of staleness. */
    public Optional<RoutingGroup> findGroupCached(long accountId, long groupId) {
        return groupsById.get(new GroupKey(accountId, groupId));
    }

    public Optional<RoutingGroup> findGroup(long accountId, long groupId) {
        return repository.findGroup(accountId, groupId);
    }

    /** Checks a login and password; empty when either is wrong or the login is blocked. */
    public Optional<ApiPrincipal> authenticate(String login, String password) {
        if (login == null || password == null) {
            return Optional.empty();
        }
        return repository.findCredential(login)
                .filter(c -> !c.blocked() && passwords.matches(password, c.passwordHash()))
                .map(c -> new ApiPrincipal(c.accountId(), c.id(), c.login(), repository.allowedGroups(c.accountId(), c.id())));
    }

    /** The principal behind an issued token, as it is now (groups may have changed since). */
    public Optional<ApiPrincipal> principal(long accountId, long credentialId) {
        return repository.findCredential(accountId, credentialId)
                .filter(c -> !c.blocked())
                .map(c -> new ApiPrincipal(c.accountId(), c.id(), c.login(), repository.allowedGroups(c.accountId(), c.id())));
    }
}
