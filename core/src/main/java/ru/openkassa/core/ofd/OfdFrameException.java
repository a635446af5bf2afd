package ru.openkassa.core.ofd;

/**
 * A message between a register and an OFD whose framing is wrong; {@link #problem()} is the
 * stable reason an emulator logs or counts. A well-framed message whose document is bad is not
 * this: it gets an operator confirmation with code 11 or 14 instead.
 */
public class OfdFrameException extends RuntimeException {

    public enum Problem {
        TRUNCATED,
        BAD_SIGNATURE,
        UNSUPPORTED_VERSION,
        BAD_HEADER,
        LENGTH_MISMATCH,
        BAD_CRC,
        NO_DOCUMENT
    }

    private final Problem problem;

    public OfdFrameException(Problem problem, String message) {
        super(problem + ": " + message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
