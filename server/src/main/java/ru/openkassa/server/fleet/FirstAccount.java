package ru.openkassa.server.fleet;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first account of a new installation and its administrator, from configuration: without it
 * nobody could log in to create anything. Runs on every start and does nothing once the account
 * exists, so the settings may stay in place (and nodes starting together create it once).
 */
@Component
@EnableConfigurationProperties(FirstAccount.Settings.class)
class FirstAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAccount.class);

    /**
     * {@code openkassa.bootstrap.*}: all four or none.
     *
     * @param accountNumber the client number people type at login
     * @param accountName   the company name, also accepted at login
     * @param adminLogin    the administrator's login
     * @param adminPassword its password (8 characters or more); change it after the first login
     */
    @ConfigurationProperties("openkassa.bootstrap")
    record Settings(String accountNumber, String accountName, String adminLogin, String adminPassword) {

        boolean given() {
            return accountNumber != null && !accountNumber.isBlank();
        }
    }

    private final Settings settings;
    private final FleetService fleet;
    private final UserService users;
    private final TransactionTemplate transaction;

    FirstAccount(Settings settings, FleetService fleet, UserService users, TransactionTemplate transaction) {
        this.settings = settings;
        this.fleet = fleet;
        this.users = users;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.given() || fleet.findAccountByNumber(settings.accountNumber()).isPresent()) {
            return;
        }
        if (settings.accountName() == null || settings.accountName().isBlank() || settings.adminLogin() == null) {
            throw new IllegalStateException("openkassa.bootstrap: account-number, account-name, admin-login and"
                    + " admin-password are needed together");
        }
        try {
            transaction.executeWithoutResult(status -> {
                long account = fleet.createAccount(settings.accountNumber(), settings.accountName());
                List<FieldProblem> problems = users.checkNewUser(account, settings.adminLogin(), settings.adminPassword());
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("openkassa.bootstrap: the administrator cannot be created: "
                            + problems.stream().map(p -> p.field() + " " + p.code()).toList());
                }
                users.create(account, settings.adminLogin(), settings.adminPassword(), UserRole.ADMIN);
            });
            log.info("first account {} «{}» created with administrator {}", settings.accountNumber(),
                    settings.accountName(), settings.adminLogin());
        } catch (DuplicateKeyException anotherNode) {
            log.info("first account {} was created by another node", settings.accountNumber());
        }
    }
}
