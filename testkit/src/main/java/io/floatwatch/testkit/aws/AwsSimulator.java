package io.floatwatch.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated AWS account on 127.0.0.1 that the real AWS SDK clients talk to through
 * {@code endpointOverride(simulator.endpoint())}. It serves EC2 (Query protocol, XML) and FSx
 * (JSON 1.1) on one port; the region comes from the SigV4 credential scope, so one simulator
 * serves several regions, each with its own {@link SimulatedRegion}. Signatures are not checked.
 *
 * <p>Scenario verbs ({@link #throttleNext}, {@link #malformedNext}, {@link #failNext}) queue
 * faults per operation name, e.g. {@code "DescribeRouteTables"}; they apply to any region.
 */
public final class AwsSimulator implements AutoCloseable {

    public static final String DEFAULT_ACCOUNT = "123456789012";
    /** Large enough that nothing paginates unless a test asks for small pages. */
    static final int DEFAULT_PAGE_SIZE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(AwsSimulator.class);
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String accountId;
    private final Map<String, SimulatedRegion> regions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final Faults faults = new Faults();
    private final Ec2Protocol ec2 = new Ec2Protocol();
    private final FsxProtocol fsx = new FsxProtocol();
    private volatile int pageSize = DEFAULT_PAGE_SIZE;

    private AwsSimulator(String accountId) throws IOException {
        this.accountId = accountId;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "aws-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a simulator for account {@value #DEFAULT_ACCOUNT} on an ephemeral loopback port. */
    public static AwsSimulator start() {
        return start(DEFAULT_ACCOUNT);
    }

    public static AwsSimulator start(String accountId) {
        try {
            AwsSimulator simulator = new AwsSimulator(accountId);
            LOG.info("simulated AWS account {} at {}", accountId, simulator.endpoint());
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the AWS simulator", e);
        }
    }

    /** The endpoint to pass to {@code endpointOverride} for every service and region. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    public String accountId() {
        return accountId;
    }

    /** The state of one region, created empty on first use. */
    public SimulatedRegion region(String name) {
        return regions.computeIfAbsent(name, n -> new SimulatedRegion(n, accountId));
    }

    /** The next {@code times} calls of {@code operation} are throttled (EC2: 503 RequestLimitExceeded; FSx: 400 ThrottlingException). */
    public AwsSimulator throttleNext(String operation, int times) {
        faults.add(operation, new Faults.Throttle(), times);
        return this;
    }

    /** The next call of {@code operation} answers 200 with its body cut in half. */
    public AwsSimulator malformedNext(String operation) {
        return malformedNext(operation, 1);
    }

    public AwsSimulator malformedNext(String operation, int times) {
        faults.add(operation, new Faults.Malformed(), times);
        return this;
    }

    /** The next call of {@code operation} fails with this HTTP status and AWS error code. */
    public AwsSimulator failNext(String operation, int httpStatus, String code) {
        return failNext(operation, httpStatus, code, 1);
    }

    public AwsSimulator failNext(String operation, int httpStatus, String code, int times) {
        faults.add(operation, new Faults.Fail(httpStatus, code), times);
        return this;
    }

    /** Caps every page at {@code size} items, whatever MaxResults asks for, so tests see several pages. */
    public AwsSimulator pageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be >= 1, was " + size);
        }
        this.pageSize = size;
        return this;
    }

    /** HTTP requests received for {@code operation} in any region, faulted ones included. */
    public int requestCount(String operation) {
        AtomicInteger count = requestCounts.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Forgets queued faults and counts; the state of the regions stays. */
    public void resetFaultsAndCounts() {
        faults.clear();
        requestCounts.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            SimResponse response = respond(exchange, body);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (RuntimeException e) {
            LOG.error("simulator failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            throw e;
        }
    }

    private SimResponse respond(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        boolean json = target != null;
        Map<String, String> form = json ? Map.of() : Ec2Protocol.parseForm(new String(body, StandardCharsets.UTF_8));
        String operation = json ? FsxProtocol.operation(target) : Ec2Protocol.operation(form);
        requestCounts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();

        Optional<String> region = signingRegion(exchange.getRequestHeaders().getFirst("Authorization"));
        if (region.isEmpty()) {
            String message = "Request is missing Authentication Token";
            return json ? FsxProtocol.error(403, "MissingAuthenticationTokenException", message)
                    : Ec2Protocol.error(401, "AuthFailure", message);
        }
        Optional<Faults.Fault> fault = faults.next(operation);
        if (fault.isPresent() && fault.get() instanceof Faults.Throttle) {
            return json ? FsxProtocol.throttled() : Ec2Protocol.throttled();
        }
        if (fault.isPresent() && fault.get() instanceof Faults.Fail fail) {
            String message = "Simulated " + fail.code() + " for " + operation;
            return json ? FsxProtocol.error(fail.status(), fail.code(), message) : Ec2Protocol.error(fail.status(), fail.code(), message);
        }
        SimulatedRegion state = region(region.get());
        SimResponse response = json ? fsx.handle(state, target, body, pageSize) : ec2.handle(state, form, pageSize);
        return fault.isPresent() ? response.truncated() : response;
    }

    static Optional<String> signingRegion(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher m = CREDENTIAL_SCOPE.matcher(authorization);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
