package ru.openkassa.server.fleet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.openkassa.server.fleet.DealerRequest.Outcome;
import ru.openkassa.server.platform.DatabaseVendor;

/**
 * Dealers (service centres) and their clients, as in the register makers' servers: a user flagged
 * dealer makes the company a dealer at the next login (unless a dealer serves the company); client
 * companies ask a dealer to serve them, the dealer accepts, rejects or blocks; a served client may
 * disconnect; a dealer may create client accounts and work inside the accounts it serves.
 */
@Service
public class DealerService {

    private static final String REQUEST_SELECT = """
            select q.id, q.state, q.blocked, q.requested_by, q.requested_at,
                   c.id as c_id, c.number as c_number, c.name as c_name,
                   d.id as d_id, d.number as d_number, d.name as d_name
              from dealer_request q
              join account c on c.id = q.account_id
              join account d on d.id = q.dealer_account_id
            """;

    private final JdbcClient jdbc;
    private final FleetRepository fleet;
    private final DatabaseVendor vendor;
    private final Clock clock;

    DealerService(JdbcClient jdbc, FleetRepository fleet, DatabaseVendor vendor, Clock clock) {
        this.jdbc = jdbc;
        this.fleet = fleet;
        this.vendor = vendor;
        this.clock = clock;
    }

    /** Whether the account works as a dealer. */
    public boolean isDealer(long accountId) {
        return Boolean.TRUE.equals(jdbc.sql("select dealer from account where id = ?").param(accountId)
                .query(Boolean.class).single());
    }

    /** The dealer serving the account, if any. */
    public Optional<Account> dealerOf(long accountId) {
        return jdbc.sql("""
                select d.id, d.number, d.name from account c join account d on d.id = c.dealer_account_id
                 where c.id = ?""").param(accountId)
                .query((rs, n) -> new Account(rs.getLong("id"), rs.getString("number"), rs.getString("name")))
                .optional();
    }

    public boolean isUserDealer(long accountId, long userId) {
        return Boolean.TRUE.equals(jdbc.sql("select dealer from app_user where account_id = ? and id = ?")
                .params(accountId, userId).query(Boolean.class).optional().orElse(false));
    }

    /** Flags a user dealer (or not); a company served by a dealer cannot become one. */
    @Transactional
    public Outcome flagUser(long accountId, long userId, boolean dealer) {
        if (dealer && dealerOf(accountId).isPresent()) {
            return Outcome.SERVED_ACCOUNT_CANNOT_BE_DEALER;
        }
        return jdbc.sql("update app_user set dealer = ? where account_id = ? and id = ?")
                .params(dealer, accountId, userId).update() == 1 ? Outcome.DONE : Outcome.NOT_FOUND;
    }

    /** At login: a user flagged dealer makes the company a dealer, unless a dealer serves it. */
    @Transactional
    public void loggedIn(long accountId, long userId) {
        if (isUserDealer(accountId, userId) && dealerOf(accountId).isEmpty()) {
            jdbc.sql("update account set dealer = true where id = ?").param(accountId).update();
        }
    }

    // ---- the client's side

    @Transactional
    public Outcome request(long accountId, String dealerNumber, String by) {
        Optional<Long> dealer = fleet.findAccountByNumber(dealerNumber == null ? "" : dealerNumber.trim())
                .filter(this::isDealer);
        if (dealer.isEmpty()) {
            return Outcome.NO_SUCH_DEALER;
        }
        if (dealer.get() == accountId) {
            return Outcome.SELF;
        }
        if (dealerOf(accountId).isPresent()) {
            return Outcome.ALREADY_SERVED;
        }
        List<DealerRequest> earlier = jdbc.sql(REQUEST_SELECT + " where q.account_id = ? and q.dealer_account_id = ?")
                .params(accountId, dealer.get()).query(DealerService::request).list();
        if (earlier.stream().anyMatch(DealerRequest::blocked)) {
            return Outcome.BLOCKED;
        }
        if (earlier.stream().anyMatch(r -> r.state() == DealerRequest.State.PENDING)) {
            return Outcome.ALREADY_REQUESTED;
        }
        jdbc.sql("""
                insert into dealer_request (account_id, dealer_account_id, state, requested_by, requested_at)
                values (?, ?, 'PENDING', ?, ?)""")
                .params(accountId, dealer.get(), by, OffsetDateTime.now(clock)).update();
        return Outcome.DONE;
    }

    /** The account's own requests to dealers, newest first. */
    public List<DealerRequest> requestsOf(long accountId) {
        return jdbc.sql(REQUEST_SELECT + " where q.account_id = ? order by q.requested_at desc, q.id desc")
                .param(accountId).query(DealerService::request).list();
    }

    @Transactional
    public Outcome cancel(long accountId, long requestId) {
        return decide("account_id", accountId, requestId, DealerRequest.State.CANCELLED, false);
    }

    /** The client leaves its dealer. */
    @Transactional
    public Outcome disconnect(long accountId) {
        return jdbc.sql("update account set dealer_account_id = null where id = ? and dealer_account_id is not null")
                .param(accountId).update() == 1 ? Outcome.DONE : Outcome.NOT_FOUND;
    }

    // ---- the dealer's side

    /** Requests waiting for the dealer's answer. */
    public List<DealerRequest> incoming(long dealerAccountId) {
        return jdbc.sql(REQUEST_SELECT + " where q.dealer_account_id = ? and q.state = 'PENDING' order by q.requested_at")
                .param(dealerAccountId).query(DealerService::request).list();
    }

    public List<Account> clients(long dealerAccountId) {
        return jdbc.sql("select id, number, name from account where dealer_account_id = ? and closed_at is null order by name")
                .param(dealerAccountId)
                .query((rs, n) -> new Account(rs.getLong("id"), rs.getString("number"), rs.getString("name"))).list();
    }

    /** A client the dealer serves, by id: the only accounts a dealer may enter. */
    public Optional<Account> client(long dealerAccountId, long clientAccountId) {
        return clients(dealerAccountId).stream().filter(a -> a.id() == clientAccountId).findFirst();
    }

    @Transactional
    public Outcome accept(long dealerAccountId, long requestId) {
        Optional<DealerRequest> request = jdbc.sql(REQUEST_SELECT
                        + " where q.dealer_account_id = ? and q.id = ? and q.state = 'PENDING'")
                .params(dealerAccountId, requestId).query(DealerService::request).optional();
        if (request.isEmpty() || !isDealer(dealerAccountId)) {
            return Outcome.NOT_FOUND;
        }
        if (jdbc.sql("update account set dealer_account_id = ? where id = ? and dealer_account_id is null")
                .params(dealerAccountId, request.get().client().id()).update() == 0) {
            return Outcome.ALREADY_SERVED;
        }
        return decide("dealer_account_id", dealerAccountId, requestId, DealerRequest.State.ACCEPTED, false);
    }

    /** Rejects a request; with {@code block}, the client's later requests to this dealer are refused. */
    @Transactional
    public Outcome reject(long dealerAccountId, long requestId, boolean block) {
        return decide("dealer_account_id", dealerAccountId, requestId, DealerRequest.State.REJECTED, block);
    }

    /** The last blocked request of each client whose requests the dealer blocked, newest first. */
    public List<DealerRequest> blocked(long dealerAccountId) {
        return jdbc.sql(REQUEST_SELECT + " where q.dealer_account_id = ? and q.blocked = true order by q.requested_at desc, q.id desc")
                .param(dealerAccountId).query(DealerService::request).list().stream()
                .filter(distinctClient()).toList();
    }

    private static Predicate<DealerRequest> distinctClient() {
        Set<Long> seen = new HashSet<>();
        return r -> seen.add(r.client().id());
    }

    /** The client may ask the dealer again: the dealer changed its mind about a block. */
    @Transactional
    public Outcome unblock(long dealerAccountId, long clientAccountId) {
        return jdbc.sql("update dealer_request set blocked = false where dealer_account_id = ? and account_id = ? and blocked = true")
                .params(dealerAccountId, clientAccountId).update() > 0 ? Outcome.DONE : Outcome.NOT_FOUND;
    }

    /** A new client account served by the dealer from the start; its number is issued by the server. */
    @Transactional
    public Account createClient(long dealerAccountId, String name) {
        String number = String.valueOf(jdbc.sql(vendor.nextValue("account_number_seq")).query(Long.class).single());
        long id = fleet.insertAccount(number, name, OffsetDateTime.now(clock));
        jdbc.sql("update account set dealer_account_id = ? where id = ?").params(dealerAccountId, id).update();
        return new Account(id, number, name);
    }

    /**
     * Deletes a client account the dealer serves: it is closed, not erased, so that its receipts and
     * audit log stay; refused while it has registers in use.
     */
    @Transactional
    public Outcome closeClient(long dealerAccountId, long clientAccountId) {
        if (client(dealerAccountId, clientAccountId).isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (jdbc.sql("select count(*) from cash_register where account_id = ? and retired_at is null")
                .param(clientAccountId).query(Long.class).single() > 0) {
            return Outcome.HAS_REGISTERS;
        }
        jdbc.sql("update account set closed_at = ? where id = ? and dealer_account_id = ?")
                .params(OffsetDateTime.now(clock), clientAccountId, dealerAccountId).update();
        return Outcome.DONE;
    }

    private Outcome decide(String party, long accountId, long requestId, DealerRequest.State state, boolean block) {
        return jdbc.sql("update dealer_request set state = ?, blocked = ?, decided_at = ?"
                        + " where " + party + " = ? and id = ? and state = 'PENDING'")
                .params(state.name(), block, OffsetDateTime.now(clock), accountId, requestId).update() == 1
                ? Outcome.DONE : Outcome.NOT_FOUND;
    }

    private static DealerRequest request(ResultSet rs, int row) throws SQLException {
        return new DealerRequest(rs.getLong("id"),
                new Account(rs.getLong("c_id"), rs.getString("c_number"), rs.getString("c_name")),
                new Account(rs.getLong("d_id"), rs.getString("d_number"), rs.getString("d_name")),
                DealerRequest.State.valueOf(rs.getString("state")), rs.getBoolean("blocked"),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class));
    }
}
