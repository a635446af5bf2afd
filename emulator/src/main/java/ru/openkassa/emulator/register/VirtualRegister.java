package ru.openkassa.emulator.register;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import ru.openkassa.core.atol.AtolRequestReader;
import ru.openkassa.core.atol.ReadResult;
import ru.openkassa.core.ffd.RegisterFacts;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.emulator.fn.FiscalDrive;
import ru.openkassa.emulator.fn.FiscalDriveConfig;
import ru.openkassa.emulator.fn.FnDocument;
import ru.openkassa.emulator.fn.FnRefusal;
import ru.openkassa.emulator.fn.FnStatus;

/**
 * A virtual cash register (ККТ) with its fiscal drive, speaking the device API
 * (docs/device-api.md) to a server: hello, long-poll for tasks, ack, fiscalize, result, and a
 * {@code state} heartbeat that reports which documents the OFD has confirmed.
 *
 * <p><b>Exactly once, register side.</b> The job id is journaled before the drive is touched and
 * the outcome is journaled before the result is sent; a job offered again is answered from the
 * journal and never printed twice, also after {@code kill -9} (see {@link FiscalizedJobs}).
 *
 * <p>Runs on three virtual threads: the task loop (one receipt at a time, like a real printer),
 * the heartbeat and the OFD link. {@link #switches()} injects the faults of a real shop.
 */
public final class VirtualRegister implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(VirtualRegister.class.getName());
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    /** At most this many delivered FD numbers per heartbeat; the rest go with the next one at once. */
    private static final int DELIVERED_PER_HEARTBEAT = 500;
    /**
     * Two heartbeats at least this far apart: a busy register would otherwise report after every
     * receipt, and its deliveries ride the next heartbeat just as well (as real drivers poll status).
     */
    private static final Duration HEARTBEAT_SPACING = Duration.ofSeconds(1);
    private static final String CASHIER = "Виртуальный кассир";

    private final RegisterConfig config;
    private final RegisterSwitches switches = new RegisterSwitches();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FiscalDrive drive;
    private final FiscalizedJobs jobs;
    private final DeviceHttp http;
    private final boolean ownHttp;
    private final DeviceApi api;
    private final AtolRequestReader reader = new AtolRequestReader();
    private final OfdLink ofdLink;
    private final Object fiscalizing = new Object();
    private final Object helloLock = new Object();
    private final Semaphore heartbeatDue = new Semaphore(0);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile String token;
    private volatile int pollWaitSeconds;
    private volatile boolean running = true;
    private volatile boolean crashed;
    private volatile boolean selling;
    private volatile String lastProblem;

    private VirtualRegister(RegisterConfig config, DeviceHttp sharedHttp) {
        this.config = config;
        this.pollWaitSeconds = config.pollWaitSeconds();
        try {
            Files.createDirectories(config.directory());
            lockChannel = FileChannel.open(config.directory().resolve("register.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock taken;
            try {
                taken = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                taken = null; // held by a register in this very JVM
            }
            if (taken == null) {
                lockChannel.close();
                throw new IllegalStateException("another register runs in " + config.directory());
            }
            lock = taken;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use register directory " + config.directory(), e);
        }
        try {
            this.drive = FiscalDrive.open(new FiscalDriveConfig(
                    config.directory().resolve("fn-" + config.fnNumber()),
                    new RegisterFacts(config.registrationNumber(), config.fnNumber(), config.inn(), null,
                            config.ofdInn(), null, null, EnumSet.copyOf(config.taxSystems()), null),
                    config.fnExpiresAt(), config.masterKey(), FiscalDriveConfig.DEFAULT_CAPACITY, config.clock()));
        } catch (RuntimeException e) {
            unlock();
            throw e;
        }
        try {
            this.jobs = FiscalizedJobs.open(config.directory(), config.fnNumber());
            jobs.reconcile(drive, this::fiscalized);
        } catch (RuntimeException e) {
            drive.close();
            unlock();
            throw e;
        }
        this.ownHttp = sharedHttp == null;
        this.http = sharedHttp != null ? sharedHttp : DeviceHttp.start();
        this.api = new DeviceApi(http, config.server());
        this.ofdLink = config.ofd() == null ? null
                : new OfdLink(drive, config.ofd(), switches, this::wakeHeartbeat);
    }

    /** Opens the register's drive and journals (recovering after a crash) and starts it. */
    public static VirtualRegister start(RegisterConfig config) {
        return start(config, null);
    }

    /**
     * Starts a register that uses a shared HTTP client, as a fleet of thousands in one process
     * should; the client is not closed by {@link #stop()}.
     */
    public static VirtualRegister start(RegisterConfig config, DeviceHttp sharedHttp) {
        VirtualRegister register = new VirtualRegister(config, sharedHttp);
        register.spawn("tasks", register::taskLoop);
        register.spawn("state", register::heartbeatLoop);
        if (register.ofdLink != null) {
            register.spawn("ofd", register.ofdLink::run);
        }
        LOG.log(Level.INFO, "register {0} (serial {1}, FN {2}) started against {3}; last FD {4}",
                config.registerId(), config.serial(), config.fnNumber(), config.server(),
                String.valueOf(register.drive.status().lastFdNumber()));
        return register;
    }

    private void spawn(String role, Runnable body) {
        threads.add(Thread.ofVirtual().name("register-" + config.registerId() + "-" + role).start(() -> {
            try {
                body.run();
            } catch (RegisterCrash crash) {
                // the register died on purpose; nothing more to do on this thread
            } catch (RuntimeException e) {
                if (running) {
                    // A drive or journal that failed under a receipt leaves its state unknown: stop
                    // as a real register shows a fatal error, and let a restart recover from disk.
                    LOG.log(Level.ERROR, "register " + config.registerId() + " " + role + " failed; stopping", e);
                    crash();
                }
            }
        }));
    }

    public RegisterConfig config() {
        return config;
    }

    public RegisterSwitches switches() {
        return switches;
    }

    public FiscalDrive fiscalDrive() {
        return drive;
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * Whether it died on purpose (the crash switch, {@link #crash()}) or after a fatal failure; once
     * true, its files are released and a register may be started on its directory.
     */
    public boolean hasCrashed() {
        return crashed;
    }

    /** Whether the register holds a device token (its last hello was accepted). */
    public boolean isConnected() {
        return token != null;
    }

    /** The last thing that went wrong talking to the server, for a person looking at a fleet. */
    public Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** A graceful stop: the current receipt finishes, threads end, files close. */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (ofdLink != null) {
            ofdLink.stop();
        }
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        release();
        LOG.log(Level.INFO, "register {0} stopped", config.registerId());
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Dies on the spot, as a register whose power is cut: nothing more is written, sent or
     * answered. What is on disk stays; a register started on the same directory recovers.
     */
    public void crash() {
        running = false;
        if (ofdLink != null) {
            ofdLink.stop();
        }
        for (Thread thread : threads) {
            if (thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
        release();
        crashed = true;
        LOG.log(Level.WARNING, "register {0} crashed on purpose", config.registerId());
    }

    private void release() {
        try {
            drive.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the drive", e);
        }
        try {
            jobs.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the job journal", e);
        }
        unlock();
        if (ownHttp) {
            // in-flight calls are aborted either way: the register's threads are gone
            http.close();
        }
    }

    private void unlock() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "releasing the register lock", e);
        }
    }

    // ---- the task loop -------------------------------------------------------------------

    private void taskLoop() {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                String current = token();
                reportUnreported();
                Deque<DeviceApi.Task> tasks = new ArrayDeque<>(api.tasks(current, pollWaitSeconds));
                backoff.reset();
                while (!tasks.isEmpty()) {
                    if (!running) {
                        return;
                    }
                    tasks.addAll(handle(tasks.poll()));
                }
            } catch (DeviceApi.TokenRejected e) {
                forgetToken(e);
            } catch (DeviceApi.Refused e) {
                problem("server refused: " + e.getMessage());
                sleepQuietly(backoff, e);
            } catch (IOException e) {
                problem("server " + config.server() + " unreachable: " + describe(e));
                sleepQuietly(backoff);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Does one task; the next tasks the server gave with the answer to its result, if any. */
    private List<DeviceApi.Task> handle(DeviceApi.Task task) throws IOException, InterruptedException, DeviceApi.Refused {
        return switch (task) {
            case DeviceApi.ReceiptTask receipt -> handle(receipt);
            case DeviceApi.DiagnosticTask diagnostic -> {
                diagnose(diagnostic);
                yield List.of();
            }
        };
    }

    private List<DeviceApi.Task> handle(DeviceApi.ReceiptTask task)
            throws IOException, InterruptedException, DeviceApi.Refused {
        Optional<FiscalizedJobs.Done> known = jobs.outcome(task.jobId());
        if (known.isPresent()) {
            LOG.log(Level.INFO, "register {0}: job {1} offered again; answering with the stored result",
                    config.registerId(), task.jobId());
            // The outcome exists whatever the lease says (the drive signed it or refused it), so
            // the result goes out even if the ack is refused.
            ack(task);
            return report(task.taskId(), task.jobId(), known.get().outcome(), true);
        }
        if (!ack(task)) {
            return List.of(); // 409 lease_lost or 404 unknown_task: the job is someone else's now; never print it
        }
        // An ack lost to the network throws before this line: the lease then runs out and the
        // job goes back to the queue, which is safe because nothing was printed.
        TaskOutcome outcome = fiscalize(task);
        wakeHeartbeat();
        if (ofdLink != null) {
            ofdLink.wake();
        }
        return report(task.taskId(), task.jobId(), outcome, true);
    }

    /**
     * Takes the task. A token that expired since the poll is renewed and the ack repeated while
     * the lease still runs, rather than letting a task this register was given go back.
     *
     * @return whether the task is this register's
     */
    private boolean ack(DeviceApi.ReceiptTask task) throws IOException, InterruptedException, DeviceApi.Refused {
        for (int attempt = 1; ; attempt++) {
            try {
                api.ack(token(), task.taskId());
                return true;
            } catch (DeviceApi.TokenRejected e) {
                if (attempt > 1) {
                    throw e;
                }
                forgetToken(e);
            } catch (DeviceApi.Refused e) {
                LOG.log(Level.INFO, "register {0}: task {1} not taken ({2})", config.registerId(), task.taskId(),
                        e.code());
                return false;
            }
        }
    }

    /**
     * Sends an outcome until the server has it; the register does nothing else meanwhile. With
     * {@code next}, the server's answer may carry the register's next tasks, which it returns.
     */
    private List<DeviceApi.Task> report(String taskId, String jobId, TaskOutcome outcome, boolean next)
            throws InterruptedException {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                List<DeviceApi.Task> tasks = api.result(token(), taskId, outcome, next);
                jobs.reported(jobId);
                wakeHeartbeat(); // its delivery, if the OFD already confirmed it, may now be reported
                return tasks;
            } catch (DeviceApi.TokenRejected e) {
                forgetToken(e);
            } catch (DeviceApi.Refused e) {
                if (e.status() >= 500 || e.status() == 429) {
                    problem("result of task " + taskId + ": " + e.getMessage());
                    backoff.sleep(e.retryAfter());
                    continue;
                }
                // 409 result_conflict, 404 unknown_task: repeating will not change the answer.
                LOG.log(Level.ERROR, "register {0}: the server will not take the result of task {1} (job {2}): {3}",
                        config.registerId(), taskId, jobId, e.getMessage());
                jobs.reported(jobId);
                return List.of();
            } catch (IOException e) {
                problem("result of task " + taskId + ": " + describe(e));
                backoff.sleep();
            }
        }
        return List.of();
    }

    /** Outcomes journaled but never acknowledged by the server (the register died or lost the answer). */
    private void reportUnreported() throws InterruptedException {
        for (FiscalizedJobs.Done job : jobs.unreported()) {
            LOG.log(Level.INFO, "register {0}: sending the stored result of job {1} again",
                    config.registerId(), job.jobId());
            report(job.taskId(), job.jobId(), job.outcome(), false);
        }
    }

    // ---- diagnostics ---------------------------------------------------------------------

    /**
     * "STATUS SERV. KKT" and "TEST SERV. KKT" asked from the cloud: the state as the heartbeat
     * says it, and for a connection check a fresh attempt to reach the OFD. Answered once: the
     * server keeps no answer after the task's deadline, and a person asks again.
     */
    private void diagnose(DeviceApi.DiagnosticTask task) throws IOException, InterruptedException, DeviceApi.Refused {
        FnStatus fn = drive.status();
        DeviceApi.OfdCheck ofdCheck = null;
        if (task.check().equals("connection")) {
            ofdCheck = ofdLink == null ? new DeviceApi.OfdCheck(false, null, "ОФД не настроен")
                    : ofdLink.probe();
        }
        DeviceApi.Diagnostics answer = new DeviceApi.Diagnostics(DATE_TIME.format(OffsetDateTime.now(config.clock())),
                selling ? "selling" : "idle", !switches.noPaper(), shiftFacts(fn), ofdFacts(fn), fnState(fn), ofdCheck);
        try {
            api.diagnosed(token(), task.taskId(), answer);
        } catch (DeviceApi.TokenRejected e) {
            throw e;
        } catch (DeviceApi.Refused e) {
            LOG.log(Level.INFO, "register {0}: diagnostics {1} not taken ({2})", config.registerId(), task.taskId(),
                    e.code());
        }
    }

    // ---- fiscalization -------------------------------------------------------------------

    private TaskOutcome fiscalize(DeviceApi.ReceiptTask task) throws InterruptedException {
        synchronized (fiscalizing) {
            selling = true;
            try {
                jobs.taken(task.jobId(), task.taskId(), drive.number(), drive.status().lastFdNumber());
                switches.awaitUnhung();
                Duration delay = switches.fiscalizationDelay();
                if (!delay.isZero()) {
                    Thread.sleep(delay);
                }
                TaskOutcome outcome = decide(task);
                jobs.finish(task.jobId(), task.taskId(), outcome);
                return outcome;
            } finally {
                selling = false;
            }
        }
    }

    private TaskOutcome decide(DeviceApi.ReceiptTask task) {
        Optional<AtolVersion> version = AtolVersion.fromPath(task.apiVersion());
        if (version.isEmpty()) {
            return TaskOutcome.Refused.of(DriverError.INVALID_PARAM, "api_version " + task.apiVersion());
        }
        Optional<Operation> operation = Operation.fromAtolName(task.operation());
        if (operation.isEmpty() || !operation.get().availableIn(version.get())) {
            return TaskOutcome.Refused.of(DriverError.INVALID_RECEIPT_TYPE,
                    "operation " + task.operation() + " in " + task.apiVersion());
        }
        ReadResult read = reader.read(task.request(), version.get(), operation.get());
        FiscalDocument document;
        switch (read) {
            case ReadResult.Malformed malformed -> {
                return TaskOutcome.Refused.of(DriverError.INVALID_PARAM, malformed.detail());
            }
            case ReadResult.Invalid invalid -> {
                return TaskOutcome.Refused.of(DriverError.INVALID_PARAM, invalid.violations().stream()
                        .map(v -> v.field() + " " + v.code()).collect(Collectors.joining(", ")));
            }
            case ReadResult.Accepted accepted -> document = accepted.request().document();
        }
        Company company = document.company();
        String inn = company == null ? null : company.inn();
        if (!config.inn().equals(inn)) {
            return TaskOutcome.Refused.of(DriverError.INVALID_RNM_INN,
                    "ИНН в чеке " + inn + " не совпадает с ИНН ККТ " + config.inn());
        }
        TaxSystem sno = company.sno();
        if (sno == null && config.taxSystems().size() > 1) {
            return TaskOutcome.Refused.of(DriverError.INVALID_TAXATION_TYPE,
                    "СНО не указана, а ККТ зарегистрирована с несколькими");
        }
        if (sno != null && !config.taxSystems().contains(sno)) {
            return TaskOutcome.Refused.of(DriverError.INVALID_TAXATION_TYPE, "СНО " + sno.atolName()
                    + " не из регистрации ККТ (" + config.taxSystems().stream().map(TaxSystem::atolName)
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (switches.noPaper()) {
            return TaskOutcome.Refused.of(DriverError.NO_PAPER, null);
        }
        if (switches.fnExpired()) {
            return TaskOutcome.Refused.of(DriverError.FN_EXPIRED, null);
        }
        if (switches.fnFull()) {
            return TaskOutcome.Refused.of(DriverError.FN_ARCHIVE_FULL, null);
        }
        try {
            ensureShift(document.cashier());
            FnDocument receipt = drive.registerReceipt(document);
            crashPoint(task, receipt);
            LOG.log(Level.DEBUG, "register {0}: job {1} is FD {2}", config.registerId(), task.jobId(),
                    String.valueOf(receipt.fdNumber()));
            return fiscalized(receipt);
        } catch (FnRefusal refusal) {
            return TaskOutcome.Refused.of(driverError(refusal.reason()), refusal.getMessage());
        }
    }

    /**
     * Receipts need an open shift of at most 24 hours. A cloud register has no cashier to press
     * the Z-report key, so it closes an old shift and opens a new one itself, as cloud registers do.
     */
    private void ensureShift(String cashier) {
        String who = cashier == null || cashier.isBlank() ? CASHIER : cashier;
        FnStatus.Shift shift = drive.status().shift();
        if (shift != null && shift.open()
                && Duration.between(shift.openedAt(), OffsetDateTime.now(config.clock())).compareTo(FiscalDrive.SHIFT_LIMIT) > 0) {
            drive.closeShift(who);
            shift = drive.status().shift();
        }
        if (shift == null || !shift.open()) {
            drive.openShift(who);
        }
    }

    private static DriverError driverError(FnRefusal.Reason reason) {
        return switch (reason) {
            case EXPIRED -> DriverError.FN_EXPIRED;
            case ARCHIVE_FULL -> DriverError.FN_ARCHIVE_FULL;
            case OFD_WAIT_EXHAUSTED -> DriverError.FN_OFD_WAIT_EXHAUSTED;
            case SHIFT_EXPIRED -> DriverError.FN_SHIFT_EXPIRED;
            case SHIFT_CLOSED -> DriverError.DENIED_IN_CLOSED_SHIFT;
            case SHIFT_OPEN -> DriverError.DENIED_IN_OPENED_SHIFT;
            case CLOCK_WENT_BACK -> DriverError.FN_INVALID_DATE_TIME;
        };
    }

    private void crashPoint(DeviceApi.ReceiptTask task, FnDocument receipt) {
        if (!switches.crashAfterFiscalize()) {
            return;
        }
        // A harness watching the output waits for this line before it kills the process.
        System.err.println("CRASH POINT register " + config.registerId() + " job " + task.jobId()
                + " FD " + receipt.fdNumber() + " mode " + config.crashMode());
        System.err.flush();
        switch (config.crashMode()) {
            case HALT_PROCESS -> Runtime.getRuntime().halt(137);
            case FREEZE -> {
                while (true) {
                    try {
                        Thread.sleep(Duration.ofHours(1));
                    } catch (InterruptedException e) {
                        // frozen means frozen
                    }
                }
            }
            case STOP_REGISTER -> {
                crash();
                throw new RegisterCrash();
            }
        }
    }

    /** How the register reports a receipt its drive formed. */
    private TaskOutcome fiscalized(FnDocument receipt) {
        return new TaskOutcome.Fiscalized(new TaskOutcome.Fiscal(
                receipt.fdNumber(),
                receipt.fiscalSign(),
                receipt.shiftNumber(),
                receipt.numberInShift(),
                DATE_TIME.format(receipt.dateTime()),
                config.fnNumber(),
                config.registrationNumber(),
                config.ffdVersion(),
                receipt.total().toBigDecimal(),
                config.ofdInn()));
    }

    // ---- hello and the token -------------------------------------------------------------

    private String token() throws IOException, InterruptedException, DeviceApi.Refused {
        String current = token;
        if (current != null) {
            return current;
        }
        synchronized (helloLock) {
            if (token == null) {
                hello();
            }
            return token;
        }
    }

    private void hello() throws IOException, InterruptedException, DeviceApi.Refused {
        FnStatus fn = drive.status();
        DeviceApi.Hello hello = api.hello(new DeviceApi.HelloBody(
                config.registerId(), config.serial(), config.model(), config.firmware(),
                new DeviceApi.FnFacts(fn.fnNumber(), fn.expiresAt().toString(), config.ffdVersion()),
                new DeviceApi.RegistrationFacts(config.registrationNumber(), config.inn(),
                        config.taxSystems().stream().map(TaxSystem::atolName).toList())));
        if (hello.pollWaitSeconds() != null) {
            pollWaitSeconds = Math.max(1, Math.min(30, hello.pollWaitSeconds()));
        }
        token = hello.deviceToken();
        lastProblem = null;
        LOG.log(Level.INFO, "register {0}: hello accepted", config.registerId());
        wakeHeartbeat();
    }

    private void forgetToken(DeviceApi.TokenRejected rejection) {
        LOG.log(Level.INFO, "register {0}: token rejected ({1}); saying hello again", config.registerId(),
                rejection.code());
        token = null;
    }

    // ---- heartbeat -----------------------------------------------------------------------

    private void wakeHeartbeat() {
        heartbeatDue.release();
    }

    private void heartbeatLoop() {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                heartbeatDue.tryAcquire(config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
                heartbeatDue.drainPermits();
                if (!running) {
                    return;
                }
                if (token == null) {
                    continue; // the task loop says hello; a heartbeat follows it
                }
                sendState();
                backoff.reset();
                Thread.sleep(HEARTBEAT_SPACING.compareTo(config.heartbeatInterval()) < 0
                        ? HEARTBEAT_SPACING : config.heartbeatInterval());
            } catch (DeviceApi.TokenRejected e) {
                forgetToken(e);
            } catch (DeviceApi.Refused e) {
                problem("state: " + e.getMessage());
                sleepQuietly(backoff, e);
                wakeHeartbeat();
            } catch (IOException e) {
                problem("state: " + describe(e));
                sleepQuietly(backoff);
                wakeHeartbeat();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // A heartbeat that cannot be built or read must not kill the register; say so and go on.
                LOG.log(Level.ERROR, "register " + config.registerId() + ": heartbeat failed", e);
                sleepQuietly(backoff);
            }
        }
    }

    private void sendState() throws IOException, InterruptedException, DeviceApi.Refused {
        FnStatus fn = drive.status();
        // Only receipts whose result the server has: a delivery it cannot match to a job is dropped.
        List<Long> delivered = new ArrayList<>();
        for (long fd : jobs.awaitingDelivery(fn.fnNumber())) {
            if (drive.isConfirmed(fd)) {
                delivered.add(fd);
                if (delivered.size() == DELIVERED_PER_HEARTBEAT) {
                    wakeHeartbeat();
                    break;
                }
            }
        }
        DeviceApi.StateBody body = new DeviceApi.StateBody(
                selling ? "selling" : "idle",
                !switches.noPaper(),
                shiftFacts(fn),
                ofdFacts(fn),
                fnState(fn),
                delivered.stream().map(fd -> new DeviceApi.Delivered(fn.fnNumber(), fd)).toList());
        api.state(token(), body);
        jobs.deliveryReported(fn.fnNumber(), delivered);
    }

    private static DeviceApi.ShiftFacts shiftFacts(FnStatus fn) {
        FnStatus.Shift shift = fn.shift();
        return new DeviceApi.ShiftFacts(shift != null && shift.open(), shift == null ? null : shift.number(),
                shift == null || !shift.open() ? null : DATE_TIME.format(shift.openedAt()));
    }

    private DeviceApi.OfdFacts ofdFacts(FnStatus fn) {
        return new DeviceApi.OfdFacts(ofdLink != null && ofdLink.connected(), fn.unsentCount(),
                fn.oldestUnsentAt() == null ? null : DATE_TIME.format(fn.oldestUnsentAt()));
    }

    private static DeviceApi.FnState fnState(FnStatus fn) {
        return new DeviceApi.FnState(fn.fnNumber(), fn.expiresAt().toString(), fn.fillPercent());
    }

    private void problem(String what) {
        if (!what.equals(lastProblem)) {
            LOG.log(Level.WARNING, "register {0}: {1}", config.registerId(), what);
        }
        lastProblem = what;
    }

    /** Connect failures often carry no message; say at least what kind they are. */
    private static String describe(IOException e) {
        String message = e.getMessage() != null ? e.getMessage()
                : e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : null;
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private void sleepQuietly(Backoff backoff) {
        sleepQuietly(backoff, null);
    }

    private void sleepQuietly(Backoff backoff, DeviceApi.Refused refused) {
        try {
            backoff.sleep(refused == null ? Optional.empty() : refused.retryAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unwinds the thread that hit the crash switch. */
    private static final class RegisterCrash extends RuntimeException {
        RegisterCrash() {
            super("crashed on purpose", null, false, false);
        }
    }
}
