package ru.openkassa.server.fleet;

/** What came of changing a user's role or blocking it. */
public enum UserChange {
    DONE,
    NOT_FOUND,
    /** the account would be left without an administrator who can log in */
    LAST_ADMIN,
    /** dealer staff belongs to an account that works as a dealer */
    NOT_A_DEALER;

    /** The problem as the console and the API show it; null when done. */
    public FieldProblem problem(String field) {
        return switch (this) {
            case LAST_ADMIN -> new FieldProblem(field, "last_admin");
            case NOT_A_DEALER -> new FieldProblem(field, "not_dealer");
            default -> null;
        };
    }
}
