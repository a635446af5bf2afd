package ru.openkassa.server.fleet;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Console users of the accounts and the check of their passwords. */
@Service
public class UserService {

    /** Checked when the user does not exist, so that a wrong login costs as long as a wrong password. */
    private final String decoyHash;
    private final UserRepository users;
    private final FleetRepository fleet;
    private final DealerService dealers;
    private final PasswordEncoder passwords;
    private final Clock clock;

    UserService(UserRepository users, FleetRepository fleet, DealerService dealers, PasswordEncoder passwords, Clock clock) {
        this.users = users;
        this.fleet = fleet;
        this.dealers = dealers;
        this.passwords = passwords;
        this.clock = clock;
        this.decoyHash = passwords.encode("decoy");
    }

    private static final Pattern LOGIN = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
    private static final int MIN_PASSWORD = 8;

    /** What is wrong with a new user: a login unique in the account, a password of 8 characters or more. */
    public List<FieldProblem> checkNewUser(long accountId, String login, String password) {
        List<FieldProblem> problems = new ArrayList<>();
        if (login == null || !LOGIN.matcher(login).matches()) {
            problems.add(new FieldProblem("login", "bad_format"));
        } else if (users.find(accountId, login).isPresent()) {
            problems.add(new FieldProblem("login", "taken"));
        }
        problems.addAll(checkPassword(password));
        return problems;
    }

    /** A password of 8 characters or more (and at most 128). */
    public List<FieldProblem> checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 128) {
            return List.of(new FieldProblem("password", "too_short"));
        }
        return List.of();
    }

    /** Dealer staff only in an account that works as a dealer. */
    public List<FieldProblem> checkRole(long accountId, UserRole role) {
        return role == UserRole.DEALER_STAFF && !dealers.isDealer(accountId)
                ? List.of(UserChange.NOT_A_DEALER.problem("role")) : List.of();
    }

    @Transactional
    public long create(long accountId, String login, String password, UserRole role) {
        return users.insert(accountId, login, passwords.encode(password), role, OffsetDateTime.now(clock));
    }

    public Optional<AppUser> find(long accountId, String login) {
        return users.find(accountId, login);
    }

    public Optional<AppUser> find(long accountId, long userId) {
        return users.find(accountId, userId);
    }

    public List<AppUser> list(long accountId) {
        return users.list(accountId);
    }

    /** Blocks or unblocks a user of the account; the last administrator who can log in stays. */
    @Transactional
    public UserChange setBlocked(long accountId, long userId, boolean blocked) {
        if (blocked && isLastAdmin(accountId, userId)) {
            return UserChange.LAST_ADMIN;
        }
        return users.setBlocked(accountId, userId, blocked) == 1 ? UserChange.DONE : UserChange.NOT_FOUND;
    }

    /** Gives a user another role; the last administrator who can log in stays one. */
    @Transactional
    public UserChange changeRole(long accountId, long userId, UserRole role) {
        if (!checkRole(accountId, role).isEmpty()) {
            return UserChange.NOT_A_DEALER;
        }
        if (role != UserRole.ADMIN && isLastAdmin(accountId, userId)) {
            return UserChange.LAST_ADMIN;
        }
        return users.setRole(accountId, userId, role) == 1 ? UserChange.DONE : UserChange.NOT_FOUND;
    }

    /**
     * Sets a new password an administrator chose (checked with {@link #checkPassword}); the user's
     * sessions opened before it end. False when the account has no such user.
     */
    @Transactional
    public boolean resetPassword(long accountId, long userId, String password) {
        return users.setPasswordHash(accountId, userId, passwords.encode(password), OffsetDateTime.now(clock)) == 1;
    }

    private boolean isLastAdmin(long accountId, long userId) {
        List<Long> admins = users.lockActiveAdmins(accountId);
        return admins.size() == 1 && admins.getFirst() == userId;
    }

    /**
     * The user behind a login form: the client is the account number or, as people prefer, the
     * company name (which must then name one account only). Empty when anything does not match
     * or the user is blocked.
     */
    public Optional<AppUser> authenticate(String client, String login, String password) {
        if (client == null || login == null || password == null) {
            return Optional.empty();
        }
        Optional<AppUser> user = accountOf(client.trim()).flatMap(account -> users.find(account, login.trim()));
        boolean matches = passwords.matches(password, user.map(u -> users.passwordHash(u.id())).orElse(decoyHash));
        return user.filter(u -> matches && !u.blocked());
    }

    private Optional<Long> accountOf(String client) {
        Optional<Long> byNumber = fleet.findAccountByNumber(client);
        if (byNumber.isPresent()) {
            return byNumber;
        }
        List<Long> byName = fleet.findAccountsByName(client);
        return byName.size() == 1 ? Optional.of(byName.getFirst()) : Optional.empty();
    }
}
